// The provider's HTTP notification, one path from top to bottom:
//   raw bytes → the provider verifies them and translates the body into a neutral update →
//   one transaction: record an unverified request | claim the Request-Id in the inbox (a unique
//   key) → find the attempt → match invoice and amount → apply the conditional transition →
//   write the event's outcome → the answer.
// 2xx for anything handled or ignored, 4xx for what fails verification (and for an unknown
// invoice, so DOKU retries), 5xx only when nothing was committed, so DOKU delivers it again.
import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { alertFlaggedEvent } from "@/lib/alerts/triggers";
import { paymentProvider } from "@/lib/channels";
import { transaction, type Tx } from "@/lib/db/client";
import { paymentAttempts, paymentEvents, type EventEffect } from "@/lib/db/schema";
import { logError, logLine } from "@/lib/log";
import { observeNotification } from "@/lib/observability/payment-events";
import { linkRefundsToEvent } from "@/lib/refunds/reported";
import type { HeaderSource, InboundVerdict, PaymentUpdate } from "./provider";
import { applyUpdate, needsReview, orderEffect, transitionOutcome } from "./transitions";

/** Anything bigger is not a notification (DOKU's are well under 2 kB). */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

/**
 * What is kept of a body whose signature did not verify: anyone can send one, so only enough to
 * recognise it (with its size and SHA-256), never enough to fill the disk. Verified bodies, which
 * only the provider can produce, are kept whole.
 */
export const MAX_UNVERIFIED_BODY_BYTES = 512;

export interface NotificationAnswer {
  status: number;
  body: { ok: boolean; outcome: string; message?: string };
}

/** What the event row records besides its outcome: the request as received. */
type Received = Pick<
  typeof paymentEvents.$inferInsert,
  | "requestId"
  | "url"
  | "requestHeaders"
  | "requestBody"
  | "requestBodyBytes"
  | "requestBodySha256"
  | "createdAt"
>;

/** `raw`: the body as received, or null when it was larger than MAX_NOTIFICATION_BYTES. */
export function receiveNotification(
  raw: Uint8Array | null,
  headers: HeaderSource,
  meta: { url: string; receivedAt?: Date },
): Promise<NotificationAnswer> {
  // One span and one count per notification (lib/observability/payment-events.ts).
  return observeNotification((verdict) => receive(raw, headers, meta, verdict));
}

async function receive(
  raw: Uint8Array | null,
  headers: HeaderSource,
  meta: { url: string; receivedAt?: Date },
  noteVerdict: (verdict: InboundVerdict | null) => void,
): Promise<NotificationAnswer> {
  const started = performance.now();
  if (raw === null) {
    noteVerdict(null);
    logLine({ event: "notification", status: 413, outcome: "rejected:too_large" });
    return { status: 413, body: { ok: false, outcome: "rejected:too_large" } };
  }

  const verdict = paymentProvider().readNotification(raw, headers);
  noteVerdict(verdict);
  const vouched = verdict.ok || verdict.signatureValid === true;
  const received: Received = {
    requestId: verdict.headers.requestId,
    url: meta.url,
    requestHeaders: verdict.headers.stored,
    requestBody: Buffer.from(vouched ? raw : raw.subarray(0, MAX_UNVERIFIED_BODY_BYTES)).toString(
      "utf8",
    ),
    requestBodyBytes: raw.byteLength,
    requestBodySha256: createHash("sha256").update(raw).digest("hex"),
    createdAt: meta.receivedAt ?? new Date(),
  };

  let handled: Handled;
  try {
    handled = await transaction((tx) =>
      verdict.ok ? settle(tx, verdict, received) : recordRejected(tx, verdict, received),
    );
  } catch (error) {
    // Nothing was committed (the database failed): a 5xx makes the provider deliver it again.
    logError({
      event: "notification",
      status: 500,
      outcome: "error:not_recorded",
      message: String(error),
    });
    return { status: 500, body: { ok: false, outcome: "error:not_recorded" } };
  }

  logLine({
    event: "notification",
    requestId: verdict.headers.requestId,
    status: handled.status,
    outcome: handled.outcome,
    ...(verdict.ok
      ? {
          invoice: verdict.update.invoice,
          amount: verdict.update.amount,
          providerStatus: verdict.update.providerStatus,
        }
      : {}),
    ms: Math.round(performance.now() - started),
  });
  const message = verdict.ok ? undefined : verdict.message;
  return {
    status: handled.status,
    body: { ok: handled.status < 300, outcome: handled.outcome, ...(message ? { message } : {}) },
  };
}

interface Handled {
  status: number;
  outcome: string;
}

/** Forged, malformed or misaddressed: recorded (bounded), never claims a Request-Id, changes nothing. */
async function recordRejected(
  tx: Tx,
  verdict: Extract<InboundVerdict, { ok: false }>,
  received: Received,
): Promise<Handled> {
  const outcome = `rejected:${verdict.reason}`;
  const [row] = await tx
    .insert(paymentEvents)
    .values({
      kind: "notification",
      direction: "in",
      method: "POST",
      ...received,
      httpStatus: verdict.status,
      signatureValid: verdict.signatureValid ?? false,
      outcome,
      // A valid signature on a malformed body means the provider changed something: a human must look.
      flagged: verdict.signatureValid === true,
    })
    .returning({ id: paymentEvents.id });
  if (verdict.signatureValid === true)
    await alertFlaggedEvent(tx, { id: row!.id, kind: "notification", orderId: null, outcome });
  return { status: verdict.status, outcome };
}

async function settle(
  tx: Tx,
  verdict: Extract<InboundVerdict, { ok: true }>,
  received: Received,
): Promise<Handled> {
  const { update, requestId } = verdict;
  const [attempt] = await tx
    .select({
      id: paymentAttempts.id,
      orderId: paymentAttempts.orderId,
      amount: paymentAttempts.amount,
    })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.invoiceNumber, update.invoice));
  const event = {
    kind: "notification" as const,
    direction: "in" as const,
    method: "POST",
    signatureValid: true,
    ...received,
    orderId: attempt?.orderId ?? null,
    attemptId: attempt?.id ?? null,
  };

  // Unknown invoice: 404 so that the provider retries, and no claim, so the retry is processed afresh.
  if (!attempt) {
    const [row] = await tx
      .insert(paymentEvents)
      .values({ ...event, httpStatus: 404, outcome: "unknown_invoice", flagged: true })
      .returning({ id: paymentEvents.id });
    await alertFlaggedEvent(tx, { ...event, id: row!.id, outcome: "unknown_invoice" });
    return { status: 404, outcome: "unknown_invoice" };
  }

  // The inbox: the first verified delivery of a Request-Id claims it; on PostgreSQL a concurrent
  // second delivery waits for the first to commit, then finds the key taken (docs/reliability.md).
  const [claimed] = await tx
    .insert(paymentEvents)
    .values({ ...event, inboxKey: requestId, httpStatus: 200, outcome: "claimed" })
    .onConflictDoNothing({ target: paymentEvents.inboxKey })
    .returning({ id: paymentEvents.id });
  if (!claimed) {
    // The same Request-Id again: the provider retrying, or a replay. Recorded, acknowledged, no change.
    await tx.insert(paymentEvents).values({ ...event, httpStatus: 200, outcome: "duplicate" });
    return { status: 200, outcome: "duplicate" };
  }

  const { outcome, flagged, effect } = await decide(
    tx,
    attempt,
    update,
    received.createdAt ?? new Date(),
    claimed.id,
  );
  await tx
    .update(paymentEvents)
    .set({ outcome, flagged, effect })
    .where(eq(paymentEvents.id, claimed.id));
  if (flagged) await alertFlaggedEvent(tx, { ...event, id: claimed.id, outcome });
  return { status: 200, outcome };
}

/** What a verified, first-time update does to its attempt. */
async function decide(
  tx: Tx,
  attempt: { id: number; orderId: number; amount: number },
  update: PaymentUpdate,
  at: Date,
  eventId: number,
): Promise<{ outcome: string; flagged: boolean; effect: EventEffect | null }> {
  // Never mark paid for a different amount: keep the evidence, acknowledge, flag for review.
  if (update.amount !== attempt.amount) {
    return {
      outcome: `flagged:amount_mismatch(expected ${attempt.amount}, got ${update.amount})`,
      flagged: true,
      effect: null,
    };
  }
  // A notification settles; a pending or unknown status is acknowledged so it is not retried.
  if (update.status === "pending" || update.status === "unrecognised") {
    return { outcome: `ignored:status_${update.providerStatus}`, flagged: false, effect: null };
  }
  const result = await applyUpdate(tx, attempt, update.status, at, { via: "notification" });
  if (result.kind === "applied" && result.refunds)
    await linkRefundsToEvent(tx, result.refunds.ids, eventId);
  return {
    outcome: transitionOutcome(result),
    flagged: needsReview(result),
    effect: orderEffect(result),
  };
}
