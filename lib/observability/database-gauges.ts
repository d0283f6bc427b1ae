// The gauges every instance must report alike, read from the database at each scrape: open
// payments past their expiry, the email backlog and its oldest row, the reconciler's last run.
import "server-only";
import { and, count, inArray, lt, min } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { emailOutbox, paymentAttempts } from "@/lib/db/schema";
import { lastReconcileRun } from "@/lib/payments/reconcile-runs";
import type { ShopMetrics } from "./metrics";

export interface DatabaseReadings {
  overduePayments: number;
  emailBacklog: number;
  oldestUnsentAt: Date | null;
  reconcilerLastRunAt: Date | null;
  reconcilerLastOkAt: Date | null;
}

export async function readDatabase(now: Date): Promise<DatabaseReadings> {
  const [overdue, backlog] = await run(async (db) => [
    await db
      .select({ n: count() })
      .from(paymentAttempts)
      .where(
        and(
          inArray(paymentAttempts.status, ["creating", "pending"]),
          lt(paymentAttempts.expiresAt, now),
        ),
      ),
    await db
      .select({ n: count(), oldest: min(emailOutbox.createdAt) })
      .from(emailOutbox)
      .where(inArray(emailOutbox.status, ["queued", "sending"])),
  ]);
  const last = await lastReconcileRun();
  return {
    overduePayments: Number(overdue[0]?.n ?? 0),
    emailBacklog: Number(backlog[0]?.n ?? 0),
    oldestUnsentAt: toDate(backlog[0]?.oldest ?? null),
    reconcilerLastRunAt: last?.lastFinishedAt ?? null,
    reconcilerLastOkAt: last?.lastOkAt ?? null,
  };
}

/** `min()` of a timestamp comes back as the driver gives it: a Date, or SQLite's milliseconds. */
function toDate(value: Date | number | string | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(Number(value));
  return Number.isNaN(date.getTime()) ? new Date(String(value)) : date;
}

const seconds = (date: Date | null) => (date ? date.getTime() / 1000 : 0);

/** Sets the database gauges; when the database fails, says so and leaves them as they were. */
export async function updateDatabaseGauges(m: ShopMetrics, now = new Date()): Promise<void> {
  try {
    const r = await readDatabase(now);
    m.overduePayments.set(r.overduePayments);
    m.emailBacklog.set(r.emailBacklog);
    m.emailBacklogOldest.set(
      r.oldestUnsentAt ? Math.max(0, (now.getTime() - r.oldestUnsentAt.getTime()) / 1000) : 0,
    );
    m.reconcilerLastRun.set(seconds(r.reconcilerLastRunAt));
    m.reconcilerLastOk.set(seconds(r.reconcilerLastOkAt));
    m.databaseUp.set(1);
  } catch {
    m.databaseUp.set(0);
  }
}
