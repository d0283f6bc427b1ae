// Ask DOKU where an attempt stands and apply a signed answer by the same state rules as a
// notification. Used by the shopper's return, the back office and the reconciler. Each call first
// claims the attempt's check slot with one conditional UPDATE, so however many requests arrive at
// once, on however many instances, DOKU is asked about an attempt at most once per window.
import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentAttempts } from "@/lib/db/schema";
import { doku } from "@/lib/doku";
import type { DokuError } from "@/lib/doku/client";
import type { TransactionStatus } from "@/lib/doku/schemas";
import { recordExchange } from "./events";
import { applyOutcome, type TransitionResult } from "./transitions";

/** The shortest time between two Check Status calls for one attempt, from any caller. */
export const CHECK_STATUS_INTERVAL_MS = 10_000;

export type CheckStatusOutcome =
  | { ok: true; transactionStatus: TransactionStatus; result: TransitionResult }
  | { ok: false; reason: DokuError["kind"] | "mismatch" | "unknown_attempt"; httpStatus: number | null }
  | { ok: false; reason: "recently_checked"; httpStatus: null; retryAfterMs: number };

export async function checkAttemptStatus(
  attemptId: number,
  { minIntervalMs = CHECK_STATUS_INTERVAL_MS, now = new Date() }: { minIntervalMs?: number; now?: Date } = {},
): Promise<CheckStatusOutcome> {
  // The slot is taken before DOKU is called: a request that loses the race never calls at all.
  const attempt = db()
    .update(paymentAttempts)
    .set({ lastCheckedAt: now })
    .where(
      and(
        eq(paymentAttempts.id, attemptId),
        or(isNull(paymentAttempts.lastCheckedAt), lte(paymentAttempts.lastCheckedAt, new Date(now.getTime() - minIntervalMs))),
      ),
    )
    .returning()
    .get();
  if (!attempt) {
    const existing = db().select({ lastCheckedAt: paymentAttempts.lastCheckedAt }).from(paymentAttempts).where(eq(paymentAttempts.id, attemptId)).get();
    if (!existing) return { ok: false, reason: "unknown_attempt", httpStatus: null };
    const retryAfterMs = Math.max(1, (existing.lastCheckedAt?.getTime() ?? 0) + minIntervalMs - now.getTime());
    return { ok: false, reason: "recently_checked", httpStatus: null, retryAfterMs };
  }

  const answer = await doku().checkStatus(attempt.invoiceNumber);
  const answeredAt = new Date();
  return db().transaction((tx) => {
    const ids = { orderId: attempt.orderId, attemptId: attempt.id };
    if (!answer.ok) {
      recordExchange(tx, {
        kind: "check_status",
        exchange: answer.exchange,
        ...ids,
        outcome: `error:${answer.error.kind}`,
        flagged: answer.error.kind === "bad_signature",
      });
      return { ok: false, reason: answer.error.kind, httpStatus: answer.exchange.status };
    }
    // Under DOKU_RESPONSE_SIGNATURE=report an unverified answer is kept for review, never acted on.
    if (!answer.verified) {
      recordExchange(tx, { kind: "check_status", exchange: answer.exchange, ...ids, outcome: "error:bad_signature", flagged: true });
      return { ok: false, reason: "bad_signature", httpStatus: answer.exchange.status };
    }
    const { order, transaction } = answer.data;
    if (order.invoice_number !== attempt.invoiceNumber || order.amount !== attempt.amount) {
      recordExchange(tx, {
        kind: "check_status",
        exchange: answer.exchange,
        ...ids,
        outcome: `flagged:mismatch(expected ${attempt.invoiceNumber}/${attempt.amount}, got ${order.invoice_number}/${order.amount})`,
        flagged: true,
      });
      return { ok: false, reason: "mismatch", httpStatus: answer.exchange.status };
    }
    const result = applyOutcome(tx, attempt, transaction.status, answeredAt);
    recordExchange(tx, { kind: "check_status", exchange: answer.exchange, ...ids, outcome: result.outcome, flagged: result.flagged });
    return { ok: true, transactionStatus: transaction.status, result };
  });
}
