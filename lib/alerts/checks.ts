// The checks the alert loop makes itself, because what they watch for is something that did NOT
// happen: a payment still open well past its expiry (no notification came and the reconciler did
// not close it), and a reconciler that stopped running. They run in the alert loop, not in the
// reconciler, so a stuck reconciler cannot silence them.
import { and, asc, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connection";
import { paymentAttempts } from "@/lib/db/schema";
import { readReconcileRun } from "@/lib/payments/reconcile-runs";
import { raiseAlert } from "./raise";

export interface OverdueSettings {
  /** PAYMENT_EXPIRY_MINUTES: the expiry of an attempt DOKU gave none for. */
  expiryMinutes: number;
  /** Past the expiry by this much (the reconciler's own grace is 5 minutes) before alerting. */
  graceMs: number;
}

/** Open attempts past their expiry plus the grace, not alerted yet; one alert each. */
export async function checkOverduePayments(
  db: Database,
  settings: OverdueSettings,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - settings.graceMs);
  const createdCutoff = new Date(cutoff.getTime() - settings.expiryMinutes * 60_000);
  return db.transaction(async (tx) => {
    const overdue = await tx
      .select({
        id: paymentAttempts.id,
        orderId: paymentAttempts.orderId,
        invoice: paymentAttempts.invoiceNumber,
        status: paymentAttempts.status,
        expiresAt: paymentAttempts.expiresAt,
        createdAt: paymentAttempts.createdAt,
      })
      .from(paymentAttempts)
      .where(
        and(
          inArray(paymentAttempts.status, ["creating", "pending"]),
          or(
            and(isNotNull(paymentAttempts.expiresAt), lt(paymentAttempts.expiresAt, cutoff)),
            and(isNull(paymentAttempts.expiresAt), lt(paymentAttempts.createdAt, createdCutoff)),
          ),
          sql`NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.dedupe_key = 'attempt:' || ${paymentAttempts.id})`,
        ),
      )
      .orderBy(asc(paymentAttempts.id))
      .limit(20);
    for (const a of overdue) {
      const expiry =
        a.expiresAt ?? new Date(a.createdAt.getTime() + settings.expiryMinutes * 60_000);
      await raiseAlert(
        tx,
        {
          kind: "payment_overdue",
          dedupeKey: `attempt:${a.id}`,
          summary: `Payment ${a.invoice} (order #${a.orderId}) is still ${a.status} ${Math.round((now.getTime() - expiry.getTime()) / 60_000)} minutes after its expiry`,
          details: {
            order: a.orderId,
            attempt: a.id,
            invoice: a.invoice,
            status: a.status,
            expiredAt: expiry.toISOString(),
          },
        },
        now,
      );
    }
    return overdue.length;
  });
}

export interface ReconcilerWatch {
  /** RECONCILE_INTERVAL_MS; 0 (the reconciler is off) checks nothing. */
  intervalMs: number;
  /** When this process started watching: a reconciler that never ran is late from then on. */
  watchingSince: Date;
}

/** The reconciler is stalled when 3 intervals (or 2 past its planned next pass) have gone by. */
export function reconcilerOverdue(
  run: { lastRunAt: Date; nextRunAt: Date } | null,
  watch: ReconcilerWatch,
  now: Date,
): boolean {
  if (watch.intervalMs <= 0) return false;
  const i = watch.intervalMs;
  // A server that just started gives its own reconciler 3 intervals too, whatever the row says.
  const late = Math.max(
    watch.watchingSince.getTime() + 3 * i,
    run ? Math.max(run.lastRunAt.getTime() + 3 * i, run.nextRunAt.getTime() + 2 * i) : 0,
  );
  return now.getTime() > late;
}

export async function checkReconciler(
  db: Database,
  watch: ReconcilerWatch,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await readReconcileRun(tx);
    // A run recorded without its next pass planned is due one interval after it finished.
    const run = row && {
      lastRunAt: row.lastFinishedAt,
      nextRunAt: row.nextRunAt ?? new Date(row.lastFinishedAt.getTime() + watch.intervalMs),
    };
    if (!reconcilerOverdue(run, watch, now)) return false;
    const since = run?.lastRunAt;
    await raiseAlert(
      tx,
      {
        kind: "reconciler_stalled",
        // One alert per stall: the next pass moves lastRunAt, and a later stall is a new cause.
        dedupeKey: `reconciler:${since ? since.getTime() : "never"}`,
        summary: since
          ? `The reconciler has not run since ${since.toISOString()} (${Math.round((now.getTime() - since.getTime()) / 60_000)} minutes; it should run every ${Math.round(watch.intervalMs / 1000)} s)`
          : `The reconciler has not run since this server started (${watch.watchingSince.toISOString()})`,
        details: {
          lastRunAt: since?.toISOString() ?? null,
          nextRunWasDueAt: run?.nextRunAt.toISOString() ?? null,
          intervalMs: watch.intervalMs,
        },
      },
      now,
    );
    return true;
  });
}
