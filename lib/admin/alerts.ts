// The back office's alerts page: the latest alerts, newest first, and whether they are being sent
// anywhere (ALERT_WEBHOOK_URL) or only recorded here.
import "server-only";
import { desc } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { alerts } from "@/lib/db/schema";
import { env } from "@/lib/env";

export type AlertRow = typeof alerts.$inferSelect;

export const ALERTS_SHOWN = 100;

export async function recentAlerts(): Promise<{ rows: AlertRow[]; sending: boolean }> {
  const rows = await run((db) =>
    db.select().from(alerts).orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(ALERTS_SHOWN),
  );
  return { rows, sending: Boolean(env().ALERT_WEBHOOK_URL) };
}
