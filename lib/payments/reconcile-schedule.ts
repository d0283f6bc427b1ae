// The reconciler's own schedule inside `next start`: a timer chain (never overlapping runs, never
// keeping the process alive) that backs off while DOKU is failing. Each run first prunes what
// unauthenticated requests left behind, expired carts included (lib/payments/prune-noise.ts).
import "server-only";
import { transaction } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logError, logLine } from "@/lib/log";
import { pruneNoise } from "./prune-noise";
import { reconcileOnce, type ReconcileReport } from "./reconcile";
import { recordReconcileRun } from "./reconcile-runs";

/** The longest wait between two runs while DOKU keeps failing (unless the interval is longer). */
export const MAX_BACKOFF_MS = 10 * 60_000;
const globalForReconciler = globalThis as unknown as { __reconcilerStarted?: boolean };

/** What a test may replace: the timer that schedules the next run, and the run's own work. */
export interface ReconcilerHooks {
  setTimer?: (run: () => Promise<void>, delayMs: number) => void;
  pass?: () => Promise<ReconcileReport>;
  /** Writes that a pass finished, and when the next is due (lib/payments/reconcile-runs.ts). */
  record?: (at: Date, nextInMs: number) => Promise<void>;
}

async function pruneAndReconcile(): Promise<ReconcileReport> {
  const pruned = await pruneNoise();
  if (pruned.noise > 0 || pruned.carts > 0) logLine({ event: "prune", ...pruned });
  return reconcileOnce({ minAgeMs: env().RECONCILE_MIN_AGE_MS });
}

/** Starts the chain once per process; returns false when it was already started (or is off). */
export function startReconciler(
  intervalMs: number,
  {
    setTimer = (run, delayMs) => setTimeout(run, delayMs).unref(),
    pass = pruneAndReconcile,
    record = (at, nextInMs) => transaction((tx) => recordReconcileRun(tx, at, nextInMs)),
  }: ReconcilerHooks = {},
): boolean {
  if (intervalMs <= 0 || globalForReconciler.__reconcilerStarted) return false;
  globalForReconciler.__reconcilerStarted = true;
  let failures = 0;

  async function run() {
    try {
      const report = await pass();
      failures = report.dokuErrors > 0 ? failures + 1 : 0;
      // The alert loop reads this to tell a stalled reconciler from a waiting one.
      await record(new Date(), delay());
      if (report.changed.length > 0 || report.dokuErrors > 0) {
        logLine({ event: "reconcile", ...report, nextInMs: delay() });
      }
    } catch (error) {
      failures++;
      logError({ event: "reconcile", error: (error as Error).message });
    }
    setTimer(run, delay());
  }
  const delay = () => Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, MAX_BACKOFF_MS));
  setTimer(run, intervalMs);
  return true;
}
