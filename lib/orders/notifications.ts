// DOKU's HTTP notification: verify the raw bytes, claim the Request-Id in the inbox, match the
// invoice and amount to our attempt, and apply the outcome — the database part in one IMMEDIATE
// SQLite transaction, so the answer goes back within milliseconds and exactly once per Request-Id.
import "server-only";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db, groupCommit, perConnection } from "@/lib/db/client";
import { paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { notificationConfig } from "@/lib/doku";
import { redactSignature } from "@/lib/doku/client";
import { utf8, verifyNotification, type HeaderSource, type NotificationHeaders } from "@/lib/doku/notification";
import { logError, logLine } from "@/lib/log";
import { applyOutcome, type PaymentOutcome } from "./transitions";

/** Anything bigger is not a DOKU notification (they are well under 2 kB). */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

/**
 * What is kept of a body whose signature did not verify: anyone can send one, so only enough to
 * recognise it (with its size and SHA-256), never enough to fill the disk. Verified bodies, which
 * only DOKU can produce, are kept whole.
 */
export const MAX_UNVERIFIED_BODY_BYTES = 512;
/** The same for each stored header value (a real one is under 100 characters). */
const MAX_HEADER_CHARS = 200;

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max)}…` : value);

export interface NotificationAnswer {
  status: number;
  body: { ok: boolean; outcome: string; message?: string };
  /** One structured log line: never the secret, never the signature. */
  log: Record<string, string | number | boolean | null>;
}

function storedHeaders(h: NotificationHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.clientId) out["Client-Id"] = clip(h.clientId, MAX_HEADER_CHARS);
  if (h.requestId) out["Request-Id"] = clip(h.requestId, MAX_HEADER_CHARS);
  if (h.requestTimestamp) out["Request-Timestamp"] = clip(h.requestTimestamp, MAX_HEADER_CHARS);
  if (h.signature) out.Signature = redactSignature(h.signature);
  return out;
}

type Meta = { url: string; receivedAt?: Date };

/**
 * The endpoint's whole answer, logged: `raw` is the body, or null when it was too large. Shared by
 * the route and the benchmark's bare `node:http` server, so both answer and log exactly alike.
 */
export async function answerNotification(raw: Uint8Array | null, headers: HeaderSource, meta: Meta): Promise<Pick<NotificationAnswer, "status" | "body">> {
  if (raw === null) {
    logLine({ event: "doku.notification", status: 413, outcome: "rejected:too_large" });
    return { status: 413, body: { ok: false, outcome: "rejected:too_large" } };
  }
  try {
    const answer = await receiveNotification(raw, headers, meta);
    logLine(answer.log);
    return answer;
  } catch (error) {
    // Nothing was committed (the database failed): a 5xx makes DOKU deliver it again later.
    logError({ event: "doku.notification", status: 500, outcome: "error:not_recorded", message: String(error) });
    return { status: 500, body: { ok: false, outcome: "error:not_recorded" } };
  }
}

/**
 * The route's entry point: verification now, the database work in the next group commit
 * (lib/db/group-commit.ts) with whatever other notifications arrived in the same turn. Resolves
 * only once that work is committed; rejects (nothing recorded) if the commit fails.
 */
export async function receiveNotification(rawBytes: Uint8Array, headers: HeaderSource, meta: Meta): Promise<NotificationAnswer> {
  const started = performance.now();
  const record = verified(rawBytes, headers, meta);
  return timed(await groupCommit(record), started);
}

/** The same, in a transaction of its own: for scripts and tests that want the answer at once. */
export function handleNotification(rawBytes: Uint8Array, headers: HeaderSource, meta: Meta): NotificationAnswer {
  const started = performance.now();
  const record = verified(rawBytes, headers, meta);
  // IMMEDIATE: the write lock is taken before the inbox is read, so two processes can never both
  // see a Request-Id as new. Within one process better-sqlite3 is synchronous anyway.
  return timed(immediate()(record), started);
}

/** `ms` in the log line covers verification, the database work and its commit. */
function timed(answer: NotificationAnswer, started: number): NotificationAnswer {
  answer.log.ms = Math.round((performance.now() - started) * 100) / 100;
  return answer;
}

/** An IMMEDIATE transaction around `work`, the wrapper built once per connection. */
const immediate = perConnection((database) => {
  const tx = database.$client.transaction((work: () => NotificationAnswer) => work());
  return (work: () => NotificationAnswer) => tx.immediate(work);
});

/**
 * Checks the notification (no database) and returns the database work that records it and
 * applies it; the caller runs that work inside an IMMEDIATE transaction.
 */
function verified(rawBytes: Uint8Array, headers: HeaderSource, meta: Meta): () => NotificationAnswer {
  const config = notificationConfig();
  // Verified over the bytes as received; the text is for the audit log (and the JSON parse).
  const rawBody = utf8(rawBytes);
  const verdict = verifyNotification(rawBytes, headers, config, rawBody);
  const receivedAt = meta.receivedAt ?? new Date();
  const vouched = verdict.ok || verdict.signatureValid === true;
  const base = {
    kind: "notification" as const,
    direction: "in" as const,
    requestId: verdict.headers.requestId === null ? null : clip(verdict.headers.requestId, 128),
    method: "POST",
    url: meta.url,
    requestHeaders: storedHeaders(verdict.headers),
    requestBody: vouched ? rawBody : utf8(rawBytes.subarray(0, MAX_UNVERIFIED_BODY_BYTES)),
    requestBodyBytes: rawBytes.byteLength,
    requestBodySha256: createHash("sha256").update(rawBytes).digest("hex"),
    createdAt: receivedAt,
  };
  const log = (outcome: string, status: number, extra: Record<string, string | number | null> = {}) => ({
    event: "doku.notification",
    requestId: verdict.headers.requestId,
    status,
    outcome,
    ms: 0,
    ...extra,
  });

  if (!verdict.ok) {
    const outcome = `rejected:${verdict.reason}`;
    return () => {
      db()
        .insert(paymentEvents)
        .values({
          ...base,
          httpStatus: verdict.status,
          signatureValid: verdict.signatureValid ?? false,
          outcome,
          // A valid signature on a malformed body means DOKU changed something: a human must look.
          flagged: verdict.signatureValid === true,
        })
        .run();
      return { status: verdict.status, body: { ok: false, outcome, message: verdict.message }, log: log(outcome, verdict.status) };
    };
  }

  const { notification, requestId } = verdict;
  const invoice = notification.order.invoice_number;
  const amount = notification.order.amount;
  const status = notification.transaction.status.toUpperCase();

  return () => {
    const { findAttempt, inboxTaken, insertEvent } = statements();
    const attempt = findAttempt.get({ invoice });
    const ids = attempt ? { orderId: attempt.orderId, attemptId: attempt.id } : {};
    const record = (outcome: string, httpStatus: number, fields: { flagged?: boolean; inbox?: boolean } = {}) => {
      insertEvent.run({
        ...base,
        orderId: ids.orderId ?? null,
        attemptId: ids.attemptId ?? null,
        // Only a processed notification claims its Request-Id; see docs/reliability.md.
        inboxKey: fields.inbox ? requestId : null,
        httpStatus,
        outcome,
        flagged: fields.flagged ?? false,
      });
      return {
        status: httpStatus,
        body: { ok: httpStatus < 300, outcome },
        log: log(outcome, httpStatus, { invoice, amount, transactionStatus: status }),
      };
    };

    // The same Request-Id again: DOKU retrying, or a replay. Recorded, acknowledged, no change.
    if (inboxTaken.get({ requestId })) return record("duplicate", 200);
    // Unknown invoice: 404 so that DOKU retries, and no claim, so the retry is processed afresh.
    if (!attempt) return record("unknown_invoice", 404, { flagged: true });
    if (amount !== attempt.amount) {
      // Never mark paid for a different amount: keep the evidence, acknowledge, flag for review.
      return record(`flagged:amount_mismatch(expected ${attempt.amount}, got ${amount})`, 200, { flagged: true, inbox: true });
    }
    // What a notification may settle: paid, declined, expired, or a paid order refunded.
    if (!SETTLING.has(status)) return record(`ignored:status_${status}`, 200, { inbox: true });

    const result = applyOutcome(db(), attempt, status as PaymentOutcome, receivedAt);
    return record(result.outcome, 200, { flagged: result.flagged, inbox: true });
  };
}

const SETTLING = new Set<string>(["SUCCESS", "FAILED", "EXPIRED", "REFUNDED"]);

// Prepared once per connection: the statements every notification runs (compiling them per call
// cost more than the work itself; docs/benchmarks.md).
const statements = perConnection((database) => ({
  findAttempt: database
    .select({ id: paymentAttempts.id, orderId: paymentAttempts.orderId, amount: paymentAttempts.amount })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.invoiceNumber, sql.placeholder("invoice")))
    .prepare(),
  inboxTaken: database
    .select({ id: paymentEvents.id })
    .from(paymentEvents)
    .where(eq(paymentEvents.inboxKey, sql.placeholder("requestId")))
    .prepare(),
  insertEvent: database
    .insert(paymentEvents)
    .values({
      kind: "notification",
      direction: "in",
      signatureValid: true,
      method: "POST",
      ...Object.fromEntries(
        ([
          "orderId",
          "attemptId",
          "requestId",
          "inboxKey",
          "url",
          "httpStatus",
          "requestHeaders",
          "requestBody",
          "requestBodyBytes",
          "requestBodySha256",
          "outcome",
          "flagged",
          "createdAt",
        ] as const).map(
          (name) => [name, sql.placeholder(name)],
        ),
      ),
    } as typeof paymentEvents.$inferInsert)
    .prepare(),
}));
