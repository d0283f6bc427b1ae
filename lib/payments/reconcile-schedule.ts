// The reconciler's own schedule inside `next start`: a timer chain (never overlapping runs, never
// keeping the process alive) that backs off while DOKU is failing. Each run first prunes what
// unauthenticated requests left behind, expired carts included (lib/payments/prune-noise.ts).
import "server-only";
import { env } from "@/lib/env";
import { pruneNoise } from "./prune-noise";
import { reconcileOnce } from "./reconcile";
import { logError, logLine } from "@/lib/log";

const MAX_BACKOFF_MS = 10 * 60_000;
const globalForReconciler = globalThis as unknown as { __reconcilerStarted?: boolean };

export function startReconciler(intervalMs: number): void {
  if (intervalMs <= 0 || globalForReconciler.__reconcilerStarted) return;
  globalForReconciler.__reconcilerStarted = true;
  let failures = 0;

  const schedule = (delay: number) => setTimeout(run, delay).unref();
  async function run() {
    try {
      const pruned = await pruneNoise();
      if (pruned.noise > 0 || pruned.carts > 0) logLine({ event: "prune", ...pruned });
      const report = await reconcileOnce({ minAgeMs: env().RECONCILE_MIN_AGE_MS });
      failures = report.dokuErrors > 0 ? failures + 1 : 0;
      if (report.changed.length > 0 || report.dokuErrors > 0) {
        logLine({ event: "reconcile", ...report, nextInMs: delay() });
      }
    } catch (error) {
      failures++;
      logError({ event: "reconcile", error: (error as Error).message });
    }
    schedule(delay());
  }
  const delay = () => Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, MAX_BACKOFF_MS));
  schedule(intervalMs);
}
