// Ask DOKU where an attempt stands and apply a signed answer by the same state rules as a
// notification. Used by the shopper's return, the back office and the reconciler.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentAttempts } from "@/lib/db/schema";
import { doku } from "@/lib/doku";
import type { DokuError } from "@/lib/doku/client";
import type { TransactionStatus } from "@/lib/doku/schemas";
import { recordExchange } from "./events";
import { applyOutcome, type TransitionResult } from "./transitions";

export type CheckStatusOutcome =
  | { ok: true; transactionStatus: TransactionStatus; result: TransitionResult }
  | { ok: false; reason: DokuError["kind"] | "mismatch" | "unknown_attempt"; httpStatus: number | null };

export async function checkAttemptStatus(attemptId: number): Promise<CheckStatusOutcome> {
  const attempt = db().select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId)).get();
  if (!attempt) return { ok: false, reason: "unknown_attempt", httpStatus: null };

  const answer = await doku().checkStatus(attempt.invoiceNumber);
  const now = new Date();
  return db().transaction((tx) => {
    tx.update(paymentAttempts).set({ lastCheckedAt: now }).where(eq(paymentAttempts.id, attempt.id)).run();
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
    const result = applyOutcome(tx, attempt, transaction.status, now);
    recordExchange(tx, { kind: "check_status", exchange: answer.exchange, ...ids, outcome: result.outcome, flagged: result.flagged });
    return { ok: true, transactionStatus: transaction.status, result };
  });
}
