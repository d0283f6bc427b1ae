// The reconciler's own schedule inside `next start`: a timer chain (never overlapping runs, never
// keeping the process alive) that backs off while DOKU is failing. Each run first prunes what
// unauthenticated requests left behind, expired carts included (lib/payments/prune-noise.ts), and
// completes the orders delivered ORDER_COMPLETE_AFTER_DAYS ago (lib/fulfilment/staff.ts).
import "server-only";
import { env } from "@/lib/env";
import { completeDeliveredOrders } from "@/lib/fulfilment/staff";
import { logError, logLine } from "@/lib/log";
import { pruneNoise } from "./prune-noise";
import { reconcileOnce, type ReconcileReport } from "./reconcile";
import { recordReconcileRun, type ReconcileRun } from "./reconcile-runs";

/** The longest wait between two runs while DOKU keeps failing (unless the interval is longer). */
export const MAX_BACKOFF_MS = 10 * 60_000;
const globalForReconciler = globalThis as unknown as { __reconcilerStarted?: boolean };

/** What a test may replace: the timer that schedules the next run, and the run's own work. */
export interface ReconcilerHooks {
  setTimer?: (run: () => Promise<void>, delayMs: number) => void;
  pass?: () => Promise<ReconcileReport>;
  /** Writes how a pass went, and when the next is due (lib/payments/reconcile-runs.ts). */
  record?: (entry: ReconcileRun) => Promise<void>;
}

async function pruneAndReconcile(): Promise<ReconcileReport> {
  const pruned = await pruneNoise();
  if (pruned.noise > 0 || pruned.carts > 0 || pruned.alerts > 0 || pruned.activity > 0)
    logLine({ event: "prune", ...pruned });
  // Delivered orders complete a set number of days later; a conditional UPDATE, so several
  // instances on this schedule complete each order once.
  const completed = await completeDeliveredOrders(env().ORDER_COMPLETE_AFTER_DAYS);
  if (completed.length > 0) logLine({ event: "orders_completed", count: completed.length });
  return reconcileOnce({ minAgeMs: env().RECONCILE_MIN_AGE_MS });
}

/** Starts the chain once per process; returns false when it was already started (or is off). */
export function startReconciler(
  intervalMs: number,
  {
    setTimer = (run, delayMs) => setTimeout(run, delayMs).unref(),
    pass = pruneAndReconcile,
    record = recordReconcileRun,
  }: ReconcilerHooks = {},
): boolean {
  if (intervalMs <= 0 || globalForReconciler.__reconcilerStarted) return false;
  globalForReconciler.__reconcilerStarted = true;
  let failures = 0;

  async function run() {
    const startedAt = new Date();
    let result: ReconcileRun["result"];
    try {
      const report = await pass();
      result = { ok: true, report };
      failures = report.dokuErrors > 0 ? failures + 1 : 0;
      if (report.changed.length > 0 || report.dokuErrors > 0) {
        logLine({ event: "reconcile", ...report, nextInMs: delay() });
      }
    } catch (error) {
      failures++;
      result = { ok: false, error: (error as Error).message };
      logError({ event: "reconcile", error: result.error });
    }
    // What the metrics and the alert loop read: failing to write it must not stop the schedule.
    await record({ startedAt, finishedAt: new Date(), result, nextInMs: delay() }).catch(
      (error: unknown) => logError({ event: "reconcile_record", error: (error as Error).message }),
    );
    setTimer(run, delay());
  }
  const delay = () => Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, MAX_BACKOFF_MS));
  setTimer(run, intervalMs);
  return true;
}
