// When the reconciler last finished a pass, on any instance, and when its next pass is due (later
// while it backs off from a failing DOKU): the alert loop reads this row to tell a reconciler that
// stopped from one that is waiting (lib/alerts/checks.ts).
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { reconcileRuns } from "@/lib/db/schema";

const NAME = "reconciler";

export async function recordReconcileRun(tx: Tx, at: Date, nextInMs: number): Promise<void> {
  const row = { lastRunAt: at, nextRunAt: new Date(at.getTime() + nextInMs) };
  await tx
    .insert(reconcileRuns)
    .values({ name: NAME, ...row })
    .onConflictDoUpdate({ target: reconcileRuns.name, set: row });
}

export async function lastReconcileRun(
  tx: Tx,
): Promise<{ lastRunAt: Date; nextRunAt: Date } | null> {
  const [row] = await tx
    .select({ lastRunAt: reconcileRuns.lastRunAt, nextRunAt: reconcileRuns.nextRunAt })
    .from(reconcileRuns)
    .where(eq(reconcileRuns.name, NAME));
  return row ?? null;
}
