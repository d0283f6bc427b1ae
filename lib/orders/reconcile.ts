// Closes the gap a late or lost notification leaves: attempts still open after a while are put
// to DOKU's Check Status one at a time, and the signed answer is applied by the usual rules.
// Re-running it changes nothing further: settled attempts are no longer selected.
import "server-only";
import { and, asc, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentAttempts, paymentEvents } from "@/lib/db/schema";
import { checkAttemptStatus, type CheckStatusOutcome } from "./check-status";
import { applyOutcome, rejectAttempt } from "./transitions";

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
export function decide(attempt: AttemptView, answer: CheckStatusOutcome, now: Date, expiryGraceMs: number): Decision {
  if (answer.ok) {
    if (answer.transactionStatus !== "PENDING") return { kind: "applied", outcome: answer.result.outcome };
    const expired = attempt.expiresAt !== null && now.getTime() > attempt.expiresAt.getTime() + expiryGraceMs;
    return expired ? { kind: "expire_locally" } : { kind: "leave" };
  }
  // DOKU has never heard of an invoice we never managed to send (the app stopped mid-call).
  if (answer.reason === "http" && answer.httpStatus === 404 && attempt.status === "creating") return { kind: "reject_unsent" };
  // Another caller (an instance's reconciler, a shopper's return) is asking DOKU right now.
  if (answer.reason === "recently_checked") return { kind: "leave" };
  if (answer.reason === "mismatch" || answer.reason === "unknown_attempt") return { kind: "leave" };
  if (answer.reason === "http" && answer.httpStatus !== null && answer.httpStatus < 500) return { kind: "leave" };
  return { kind: "back_off" };
}

export function dueAttempts(now: Date, minAgeMs: number, limit: number): AttemptView[] {
  const cutoff = new Date(now.getTime() - minAgeMs);
  return db()
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
    .orderBy(sql`coalesce(${paymentAttempts.lastCheckedAt}, 0)`, asc(paymentAttempts.id))
    .limit(limit)
    .all();
}

function expireLocally(attempt: AttemptView, now: Date): string {
  return db().transaction((tx) => {
    const result = applyOutcome(tx, attempt, "EXPIRED", now);
    tx.insert(paymentEvents)
      .values({
        kind: "local_expiry",
        direction: "local",
        orderId: attempt.orderId,
        attemptId: attempt.id,
        method: "LOCAL",
        url: "reconciler",
        requestHeaders: {},
        requestBody: JSON.stringify({ expiresAt: attempt.expiresAt?.toISOString(), checkedAt: now.toISOString() }),
        outcome: result.outcome,
        createdAt: now,
      })
      .run();
    return result.outcome;
  });
}

export async function reconcileOnce(options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const grace = options.expiryGraceMs ?? 5 * 60_000;
  const report: ReconcileReport = { checked: 0, changed: [], dokuErrors: 0 };

  // One request at a time: a reconciler must never become the load that takes DOKU down.
  for (const attempt of dueAttempts(now, options.minAgeMs, options.batchSize ?? 25)) {
    // The claim's window is the reconciler's own: two instances never ask about one attempt twice.
    const answer = await checkAttemptStatus(attempt.id, { minIntervalMs: options.minAgeMs, now });
    if (answer.ok || answer.reason !== "recently_checked") report.checked++;
    const decision = decide(attempt, answer, now, grace);
    switch (decision.kind) {
      case "applied":
        if (!decision.outcome.startsWith("duplicate") && !decision.outcome.startsWith("ignored")) {
          report.changed.push({ attemptId: attempt.id, outcome: decision.outcome });
        }
        break;
      case "expire_locally":
        report.changed.push({ attemptId: attempt.id, outcome: expireLocally(attempt, now) });
        break;
      case "reject_unsent":
        db().transaction((tx) => rejectAttempt(tx, attempt, "never reached DOKU (unknown invoice at Check Status)", now));
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
