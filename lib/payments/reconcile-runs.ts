// The reconciler's last run, kept in the database (one row per schedule, upserted by whichever
// instance ran it) so that the metrics, and any alert on "the reconciler has not run for a while",
// read the same truth on every instance. Written after each run of the schedule inside next start,
// and after each `npm run reconcile` (cron), which plans no next pass.
import "server-only";
import { eq } from "drizzle-orm";
import { run } from "@/lib/db/client";
import type { Tx } from "@/lib/db/connection";
import { reconcilerRuns } from "@/lib/db/schema";
import type { ReconcileReport } from "./reconcile";

/** The reconciler's row, written by the schedule inside next start and by `npm run reconcile`. */
export const RECONCILER = "reconciler";

export interface ReconcileRun {
  startedAt: Date;
  finishedAt: Date;
  /** The pass's report, or the error that stopped it. */
  result: { ok: true; report: ReconcileReport } | { ok: false; error: string };
  /** When the schedule runs next: the alert loop tells a stalled reconciler from a waiting one. */
  nextInMs?: number;
}

export type LastReconcileRun = typeof reconcilerRuns.$inferSelect;

/** A run counts as ok when it finished and DOKU answered every question it was asked. */
export function runWasOk(result: ReconcileRun["result"]): boolean {
  return result.ok && result.report.dokuErrors === 0;
}

export function recordReconcileRun(entry: ReconcileRun, name = RECONCILER): Promise<void> {
  const ok = runWasOk(entry.result);
  const fields = {
    lastStartedAt: entry.startedAt,
    lastFinishedAt: entry.finishedAt,
    lastError: entry.result.ok
      ? entry.result.report.dokuErrors > 0
        ? `DOKU answered ${entry.result.report.dokuErrors} Check Status call(s) with an error`
        : null
      : entry.result.error,
    checked: entry.result.ok ? entry.result.report.checked : 0,
    changed: entry.result.ok ? entry.result.report.changed.length : 0,
    dokuErrors: entry.result.ok ? entry.result.report.dokuErrors : 0,
    nextRunAt:
      entry.nextInMs === undefined ? null : new Date(entry.finishedAt.getTime() + entry.nextInMs),
    ...(ok ? { lastOkAt: entry.finishedAt } : {}),
  };
  return run(async (db) => {
    await db
      .insert(reconcilerRuns)
      .values({ name, ...fields })
      .onConflictDoUpdate({ target: reconcilerRuns.name, set: fields });
  });
}

/** The last run, read in the caller's transaction (the alert loop's check raises in the same one). */
export async function readReconcileRun(
  tx: Tx,
  name = RECONCILER,
): Promise<LastReconcileRun | null> {
  const [row] = await tx.select().from(reconcilerRuns).where(eq(reconcilerRuns.name, name));
  return row ?? null;
}

export function lastReconcileRun(name = RECONCILER): Promise<LastReconcileRun | null> {
  return run((db) => readReconcileRun(db, name));
}
