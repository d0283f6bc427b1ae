// Closes the gap a late or lost notification leaves: attempts still open after a while are put
// to the provider's Check Status one at a time, and the signed answer is applied by the usual
// rules. Re-running it changes nothing further: settled attempts are no longer selected. On
// several instances each attempt is claimed by checkAttemptStatus's conditional UPDATE, so the
// provider is asked once per attempt however many reconcilers run.
import "server-only";
import { and, asc, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { run, transaction } from "@/lib/db/client";
import { paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { checkAttemptStatus, type CheckStatusOutcome } from "./check-status";
import { applyUpdate, moved, orderEffect, rejectAttempt, transitionOutcome } from "./transitions";

export interface ReconcileOptions {
  now?: Date;
  /** Attempts younger than this, or checked more recently, are left alone (DOKU: ≥ 60 s). */
  minAgeMs: number;
  batchSize?: number;
  /** DOKU may report PENDING a little past the expiry it gave us; only then do we expire locally. */
  expiryGraceMs?: number;
}

export interface ReconcileReport {
  checked: number;
  changed: { attemptId: number; outcome: string }[];
  /** DOKU answered with an error (network, timeout, 5xx, bad signature): the run stopped there. */
  dokuErrors: number;
}

export type AttemptView = { id: number; orderId: number; status: string; expiresAt: Date | null };

export type Decision =
  | { kind: "applied"; outcome: string }
  | { kind: "expire_locally" }
  | { kind: "reject_unsent" }
  | { kind: "back_off" }
  | { kind: "leave" };

/** What the reconciler does with one Check Status answer. Pure, so every branch is testable. */
export function decide(
  attempt: AttemptView,
  answer: CheckStatusOutcome,
  now: Date,
  expiryGraceMs: number,
): Decision {
  if (answer.ok) {
    if (answer.status !== "pending")
      return moved(answer.result)
        ? { kind: "applied", outcome: transitionOutcome(answer.result) }
        : { kind: "leave" };
    const expired =
      attempt.expiresAt !== null && now.getTime() > attempt.expiresAt.getTime() + expiryGraceMs;
    return expired ? { kind: "expire_locally" } : { kind: "leave" };
  }
  // DOKU has never heard of an invoice we never managed to send (the app stopped mid-call).
  if (answer.reason === "http" && answer.httpStatus === 404 && attempt.status === "creating")
    return { kind: "reject_unsent" };
  // Another caller (an instance's reconciler, a shopper's return) is asking DOKU right now.
  if (answer.reason === "recently_checked") return { kind: "leave" };
  if (
    answer.reason === "mismatch" ||
    answer.reason === "unknown_attempt" ||
    answer.reason === "unrecognised_status"
  )
    return { kind: "leave" };
  if (answer.reason === "http" && answer.httpStatus !== null && answer.httpStatus < 500)
    return { kind: "leave" };
  return { kind: "back_off" };
}

export async function dueAttempts(
  now: Date,
  minAgeMs: number,
  limit: number,
): Promise<AttemptView[]> {
  const cutoff = new Date(now.getTime() - minAgeMs);
  return run((db) =>
    db
      .select({
        id: paymentAttempts.id,
        orderId: paymentAttempts.orderId,
        status: paymentAttempts.status,
        expiresAt: paymentAttempts.expiresAt,
      })
      .from(paymentAttempts)
      .where(
        and(
          inArray(paymentAttempts.status, ["creating", "pending"]),
          lte(paymentAttempts.createdAt, cutoff),
          or(isNull(paymentAttempts.lastCheckedAt), lte(paymentAttempts.lastCheckedAt, cutoff)),
        ),
      )
      // Never-checked attempts first, then the longest unchecked.
      .orderBy(sql`${paymentAttempts.lastCheckedAt} ASC NULLS FIRST`, asc(paymentAttempts.id))
      .limit(limit),
  );
}

function expireLocally(attempt: AttemptView, now: Date): Promise<string> {
  return transaction(async (tx) => {
    const result = await applyUpdate(tx, attempt, "expired", now);
    const outcome = transitionOutcome(result);
    await tx.insert(paymentEvents).values({
      kind: "local_expiry",
      direction: "local",
      orderId: attempt.orderId,
      attemptId: attempt.id,
      method: "LOCAL",
      url: "reconciler",
      requestHeaders: {},
      requestBody: JSON.stringify({
        expiresAt: attempt.expiresAt?.toISOString(),
        checkedAt: now.toISOString(),
      }),
      outcome,
      effect: orderEffect(result),
      createdAt: now,
    });
    return outcome;
  });
}

export async function reconcileOnce(options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const grace = options.expiryGraceMs ?? 5 * 60_000;
  const report: ReconcileReport = { checked: 0, changed: [], dokuErrors: 0 };

  // One request at a time: a reconciler must never become the load that takes DOKU down.
  for (const attempt of await dueAttempts(now, options.minAgeMs, options.batchSize ?? 25)) {
    // The claim's window is the reconciler's own: two instances never ask about one attempt twice.
    const answer = await checkAttemptStatus(attempt.id, { minIntervalMs: options.minAgeMs, now });
    if (answer.ok || answer.reason !== "recently_checked") report.checked++;
    const decision = decide(attempt, answer, now, grace);
    switch (decision.kind) {
      case "applied":
        report.changed.push({ attemptId: attempt.id, outcome: decision.outcome });
        break;
      case "expire_locally":
        report.changed.push({ attemptId: attempt.id, outcome: await expireLocally(attempt, now) });
        break;
      case "reject_unsent":
        await transaction((tx) =>
          rejectAttempt(
            tx,
            attempt,
            "never reached the provider (unknown invoice at Check Status)",
            now,
          ),
        );
        report.changed.push({ attemptId: attempt.id, outcome: "rejected:never_sent" });
        break;
      case "back_off":
        report.dokuErrors++;
        return report;
      case "leave":
        break;
    }
  }
  return report;
}
