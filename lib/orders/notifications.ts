// DOKU's HTTP notification: verify the raw bytes, claim the Request-Id in the inbox, match the
// invoice and amount to our attempt, and apply the outcome — all in one synchronous SQLite
// transaction, so the answer goes back within milliseconds and exactly once per Request-Id.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { notificationConfig } from "@/lib/doku";
import { redactSignature } from "@/lib/doku/client";
import { verifyNotification, type NotificationHeaders } from "@/lib/doku/notification";
import { applyOutcome, type PaymentOutcome } from "./transitions";

/** Anything bigger is not a DOKU notification (they are well under 2 kB). */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

export interface NotificationAnswer {
  status: number;
  body: { ok: boolean; outcome: string; message?: string };
  /** One structured log line: never the secret, never the signature. */
  log: Record<string, string | number | boolean | null>;
}

function storedHeaders(h: NotificationHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.clientId) out["Client-Id"] = h.clientId;
  if (h.requestId) out["Request-Id"] = h.requestId;
  if (h.requestTimestamp) out["Request-Timestamp"] = h.requestTimestamp;
  if (h.signature) out.Signature = redactSignature(h.signature);
  return out;
}

export function handleNotification(
  rawBytes: Uint8Array,
  headers: Headers,
  meta: { url: string; receivedAt?: Date },
): NotificationAnswer {
  const started = performance.now();
  const config = notificationConfig();
  // Verified over the bytes as received; the text is only for the audit log.
  const verdict = verifyNotification(rawBytes, headers, config);
  const rawBody = Buffer.from(rawBytes).toString("utf8");
  const receivedAt = meta.receivedAt ?? new Date();
  const base = {
    kind: "notification" as const,
    direction: "in" as const,
    requestId: verdict.headers.requestId,
    method: "POST",
    url: meta.url,
    requestHeaders: storedHeaders(verdict.headers),
    requestBody: rawBody,
    createdAt: receivedAt,
  };
  const log = (outcome: string, status: number, extra: Record<string, string | number | null> = {}) => ({
    event: "doku.notification",
    requestId: verdict.headers.requestId,
    status,
    outcome,
    ms: Math.round((performance.now() - started) * 100) / 100,
    ...extra,
  });

  if (!verdict.ok) {
    const outcome = `rejected:${verdict.reason}`;
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
  }

  const { notification, requestId } = verdict;
  const invoice = notification.order.invoice_number;
  const amount = notification.order.amount;
  const status = notification.transaction.status.toUpperCase();

  return db().transaction((tx) => {
    const claimed = tx
      .insert(paymentEvents)
      .values({ ...base, inboxKey: requestId, signatureValid: true, httpStatus: 200, outcome: "received" })
      .onConflictDoNothing({ target: paymentEvents.inboxKey })
      .returning({ id: paymentEvents.id })
      .get();
    const attempt = tx
      .select({ id: paymentAttempts.id, orderId: paymentAttempts.orderId, amount: paymentAttempts.amount })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.invoiceNumber, invoice))
      .get();
    if (!claimed) {
      // The same Request-Id again: DOKU retrying, or a replay. Recorded, acknowledged, no change.
      tx.insert(paymentEvents)
        .values({ ...base, orderId: attempt?.orderId, attemptId: attempt?.id, signatureValid: true, httpStatus: 200, outcome: "duplicate" })
        .run();
      return { status: 200, body: { ok: true, outcome: "duplicate" }, log: log("duplicate", 200, { invoice }) };
    }

    const finish = (outcome: string, httpStatus: number, fields: { flagged?: boolean; orderId?: number; attemptId?: number; keepInbox?: boolean } = {}) => {
      tx.update(paymentEvents)
        .set({
          outcome,
          httpStatus,
          flagged: fields.flagged ?? false,
          orderId: fields.orderId ?? null,
          attemptId: fields.attemptId ?? null,
          // Unknown invoice: release the Request-Id so that DOKU's retry is processed afresh.
          ...(fields.keepInbox === false ? { inboxKey: null } : {}),
        })
        .where(eq(paymentEvents.id, claimed.id))
        .run();
      return {
        status: httpStatus,
        body: { ok: httpStatus < 300, outcome },
        log: log(outcome, httpStatus, { invoice, amount, transactionStatus: status }),
      };
    };

    if (!attempt) return finish("unknown_invoice", 404, { flagged: true, keepInbox: false });
    const ids = { orderId: attempt.orderId, attemptId: attempt.id };
    if (amount !== attempt.amount) {
      // Never mark paid for a different amount: keep the evidence, acknowledge, flag for review.
      return finish(`flagged:amount_mismatch(expected ${attempt.amount}, got ${amount})`, 200, { ...ids, flagged: true });
    }
    if (status !== "SUCCESS" && status !== "FAILED") return finish(`ignored:status_${status}`, 200, ids);

    const result = applyOutcome(tx, attempt, status as PaymentOutcome, receivedAt);
    return finish(result.outcome, 200, { ...ids, flagged: result.flagged });
  });
}
