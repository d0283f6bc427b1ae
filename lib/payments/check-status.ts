// Ask the provider where an attempt stands and apply a verified answer by the same state rules as
// a notification. Used by the shopper's return, the back office and the reconciler. Each call
// first claims the attempt's check slot with one conditional UPDATE, so however many requests
// arrive at once, on however many instances, the provider is asked at most once per window.
import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { paymentProvider } from "@/lib/channels";
import { run, transaction } from "@/lib/db/client";
import { paymentAttempts, type EventEffect } from "@/lib/db/schema";
import { linkRefundsToEvent } from "@/lib/refunds/reported";
import { recordExchange } from "./audit-log";
import type { CallFailureKind, PaymentStatus } from "./provider";
import {
  applyUpdate,
  needsReview,
  orderEffect,
  transitionOutcome,
  type TransitionResult,
} from "./transitions";

/** The shortest time between two Check Status calls for one attempt, from any caller. */
export const CHECK_STATUS_INTERVAL_MS = 10_000;

export type CheckStatusOutcome =
  | { ok: true; status: PaymentStatus; providerStatus: string; result: TransitionResult }
  | {
      ok: false;
      reason: CallFailureKind | "mismatch" | "unknown_attempt" | "unrecognised_status";
      httpStatus: number | null;
    }
  | { ok: false; reason: "recently_checked"; httpStatus: null; retryAfterMs: number };

export async function checkAttemptStatus(
  attemptId: number,
  {
    minIntervalMs = CHECK_STATUS_INTERVAL_MS,
    now = new Date(),
  }: { minIntervalMs?: number; now?: Date } = {},
): Promise<CheckStatusOutcome> {
  // The slot is taken before the provider is called: a request that loses the race never calls.
  const claim = await run(async (db) => {
    const [attempt] = await db
      .update(paymentAttempts)
      .set({ lastCheckedAt: now })
      .where(
        and(
          eq(paymentAttempts.id, attemptId),
          or(
            isNull(paymentAttempts.lastCheckedAt),
            lte(paymentAttempts.lastCheckedAt, new Date(now.getTime() - minIntervalMs)),
          ),
        ),
      )
      .returning();
    if (attempt) return { attempt };
    const [taken] = await db
      .select({ lastCheckedAt: paymentAttempts.lastCheckedAt })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, attemptId));
    return { taken };
  });
  if (!claim.attempt) {
    if (!claim.taken) return { ok: false, reason: "unknown_attempt", httpStatus: null };
    const retryAfterMs = Math.max(
      1,
      (claim.taken.lastCheckedAt?.getTime() ?? 0) + minIntervalMs - now.getTime(),
    );
    return { ok: false, reason: "recently_checked", httpStatus: null, retryAfterMs };
  }
  const { attempt } = claim;

  const answer = await paymentProvider().checkStatus(attempt.invoiceNumber);
  const answeredAt = new Date();
  const ids = { orderId: attempt.orderId, attemptId: attempt.id };
  return transaction(async (tx): Promise<CheckStatusOutcome> => {
    if (!answer.ok) {
      if (answer.exchange) {
        await recordExchange(tx, {
          kind: "check_status",
          exchange: answer.exchange,
          ...ids,
          outcome: `error:${answer.kind}`,
          flagged: answer.kind === "bad_signature",
        });
      }
      return { ok: false, reason: answer.kind, httpStatus: answer.httpStatus };
    }
    const record = (outcome: string, flagged: boolean, effect: EventEffect | null = null) =>
      recordExchange(tx, {
        kind: "check_status",
        exchange: answer.exchange,
        ...ids,
        outcome,
        flagged,
        effect,
      });
    // Followed-but-unverified answers (DOKU_RESPONSE_SIGNATURE=report) are kept for review, never acted on.
    if (!answer.verified) {
      await record("error:bad_signature", true);
      return { ok: false, reason: "bad_signature", httpStatus: answer.exchange.status };
    }
    const update = answer.value;
    if (update.invoice !== attempt.invoiceNumber || update.amount !== attempt.amount) {
      await record(
        `flagged:mismatch(expected ${attempt.invoiceNumber}/${attempt.amount}, got ${update.invoice}/${update.amount})`,
        true,
      );
      return { ok: false, reason: "mismatch", httpStatus: answer.exchange.status };
    }
    if (update.status === "unrecognised") {
      await record(`ignored:status_${update.providerStatus}`, true);
      return { ok: false, reason: "unrecognised_status", httpStatus: answer.exchange.status };
    }
    const result = await applyUpdate(tx, attempt, update.status, answeredAt, {
      via: "check_status",
    });
    const eventId = await record(
      transitionOutcome(result),
      needsReview(result),
      orderEffect(result),
    );
    if (result.kind === "applied" && result.refunds)
      await linkRefundsToEvent(tx, result.refunds.ids, eventId);
    return { ok: true, status: update.status, providerStatus: update.providerStatus, result };
  });
}
