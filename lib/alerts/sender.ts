// Delivers queued alerts to ALERT_WEBHOOK_URL, the way lib/mail/sender.ts delivers the outbox: a
// sender claims a due row with a conditional UPDATE that sets a lease (two instances never post the
// same row at once; a sender that died mid-post is taken over when the lease ends), posts it, and
// marks it sent, or queues it again with a doubling wait, or gives up after `maxTries`.
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { clockOf, type Clock } from "@/lib/clock";
import type { Database, Tx } from "@/lib/db/connection";
import { alerts } from "@/lib/db/schema";
import { alertBody } from "./webhook-body";

export interface AlertSenderSettings {
  webhookUrl: string;
  /** APP_BASE_URL: named in the body, and the back office's link. */
  shopBaseUrl: string;
  retryBaseMs: number;
  maxTries: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface AlertSendReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Longer than any post (its timeout is 10 s); a row still `sending` after it is taken over. */
export const ALERT_LEASE_MS = 60_000;
/** An alert not sent within a day (a receiver configured late, a long outage) is news no more. */
export const ALERT_MAX_AGE_MS = 24 * 60 * 60_000;
export const ALERT_TOO_OLD = "not sent: older than a day when a receiver could take it";
const MAX_RETRY_WAIT_MS = 60 * 60_000;
const BATCH = 20;

/** The wait before try `tries + 1`, after `tries` refused ones. */
export function alertRetryDelayMs(tries: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(tries - 1, 0), MAX_RETRY_WAIT_MS);
}

const due = (now: Date) =>
  or(
    and(eq(alerts.state, "queued"), lte(alerts.nextTryAt, now)),
    and(eq(alerts.state, "sending"), or(isNull(alerts.leaseUntil), lt(alerts.leaseUntil, now))),
  );

export async function sendDueAlerts(
  db: Database,
  settings: AlertSenderSettings,
  clock: Clock = () => new Date(),
): Promise<AlertSendReport> {
  const report: AlertSendReport = { sent: 0, retrying: 0, failed: 0 };
  const nowOf = clockOf(clock);
  const now = nowOf();
  const candidates = await db.run((tx) =>
    tx
      .select({ id: alerts.id })
      .from(alerts)
      .where(due(now))
      .orderBy(alerts.nextTryAt, alerts.id)
      .limit(BATCH),
  );
  for (const { id } of candidates) {
    const outcome = await sendOne(db, settings, id, nowOf);
    if (outcome) report[outcome]++;
  }
  return report;
}

async function claim(tx: Tx, id: number, now: Date) {
  const [row] = await tx
    .update(alerts)
    .set({ state: "sending", leaseUntil: new Date(now.getTime() + ALERT_LEASE_MS) })
    .where(and(eq(alerts.id, id), due(now)))
    .returning();
  return row;
}

async function post(settings: AlertSenderSettings, body: unknown): Promise<string | null> {
  try {
    const response = await (settings.fetch ?? fetch)(settings.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      redirect: "error",
      cache: "no-store",
      // No span for it: the URL's path is the webhook's password (@vercel/otel honours this, and
      // lib/observability/start-tracing.ts also lists the URL in its ignoreUrls).
      opentelemetry: { ignore: true },
    });
    const text = await response.text().catch(() => "");
    return response.ok ? null : `http_${response.status}: ${text.slice(0, 200)}`;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    return `${(error as Error).name === "TimeoutError" ? "timeout" : "network"}: ${(error as Error).message}${cause ? ` (${cause})` : ""}`;
  }
}

async function sendOne(
  db: Database,
  settings: AlertSenderSettings,
  id: number,
  clock: () => Date,
): Promise<keyof AlertSendReport | null> {
  // Read now, not when the pass began: after slow posts a stale clock's lease is already over.
  const now = clock();
  const row = await db.transaction((tx) => claim(tx, id, now));
  if (!row) return null; // another sender has it
  // Only while our lease is the row's: a sender that took it over owns the outcome now.
  const mine = and(
    eq(alerts.id, row.id),
    eq(alerts.state, "sending"),
    eq(alerts.leaseUntil, row.leaseUntil!),
  );
  if (row.createdAt.getTime() < now.getTime() - ALERT_MAX_AGE_MS) {
    await db.run((tx) =>
      tx
        .update(alerts)
        .set({ state: "failed", leaseUntil: null, lastError: ALERT_TOO_OLD })
        .where(mine),
    );
    return "failed";
  }

  const error = await post(settings, alertBody(row, settings.shopBaseUrl));
  const tries = row.tries + 1;
  const done = clock();
  if (error === null) {
    await db.run((tx) =>
      tx
        .update(alerts)
        .set({ state: "sent", tries, sentAt: done, leaseUntil: null, lastError: null })
        .where(mine),
    );
    return "sent";
  }
  const giveUp = tries >= settings.maxTries;
  await db.run((tx) =>
    tx
      .update(alerts)
      .set({
        state: giveUp ? "failed" : "queued",
        tries,
        leaseUntil: null,
        lastError: error,
        nextTryAt: new Date(done.getTime() + alertRetryDelayMs(tries, settings.retryBaseMs)),
      })
      .where(mine),
  );
  return giveUp ? "failed" : "retrying";
}
