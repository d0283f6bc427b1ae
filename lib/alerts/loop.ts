// The alert loop inside `next start`, beside the reconciler and the email sender: every
// ALERT_INTERVAL_MS it makes the checks nothing else can (a payment overdue, a reconciler that
// stopped), queues the digest of a window's alerts not sent one by one, then posts due alerts to
// ALERT_WEBHOOK_URL. Without it alerts are still recorded and
// the back office shows them. A timer chain: runs never overlap, and it never keeps the process alive.
import "server-only";
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logError, logLine } from "@/lib/log";
import { checkOverduePayments, checkReconciler } from "./checks";
import { queueDigests } from "./raise";
import { sendDueAlerts, type AlertSenderSettings } from "./sender";

const globalForAlerts = globalThis as unknown as { __alertsStarted?: boolean };

export function alertSenderSettings(): AlertSenderSettings | null {
  const config = env();
  if (!config.ALERT_WEBHOOK_URL) return null;
  return {
    webhookUrl: config.ALERT_WEBHOOK_URL,
    shopBaseUrl: config.APP_BASE_URL,
    retryBaseMs: config.ALERT_RETRY_BASE_MS,
    maxTries: config.ALERT_MAX_TRIES,
  };
}

/**
 * One pass: the checks, the digests, then the sending; each part's failure is logged and the rest
 * still runs. `at`: a test's fixed time; otherwise the sender reads the clock at each claim.
 */
export async function alertPass(watchingSince: Date, at?: Date): Promise<void> {
  const now = at ?? new Date();
  const config = env();
  const db = database();
  const parts: [string, () => Promise<unknown>][] = [
    [
      "overdue",
      () =>
        checkOverduePayments(
          db,
          {
            expiryMinutes: config.PAYMENT_EXPIRY_MINUTES,
            graceMs: config.ALERT_OVERDUE_GRACE_MINUTES * 60_000,
          },
          now,
        ),
    ],
    [
      "reconciler",
      () => checkReconciler(db, { intervalMs: config.RECONCILE_INTERVAL_MS, watchingSince }, now),
    ],
    ["digest", () => queueDigests(db, now)],
    [
      "send",
      async () => {
        const settings = alertSenderSettings();
        if (!settings) return;
        const report = await sendDueAlerts(db, settings, at ?? (() => new Date()));
        if (report.sent + report.retrying + report.failed > 0)
          logLine({ event: "alerts", ...report });
      },
    ],
  ];
  for (const [part, work] of parts) {
    try {
      await work();
    } catch (error) {
      logError({ event: "alerts", part, error: (error as Error).message });
    }
  }
}

export function startAlerts(intervalMs: number): void {
  if (intervalMs <= 0 || globalForAlerts.__alertsStarted) return;
  globalForAlerts.__alertsStarted = true;
  if (!alertSenderSettings())
    logLine({
      event: "alerts",
      message: "ALERT_WEBHOOK_URL is not set: alerts are recorded, not sent",
    });
  const watchingSince = new Date();
  const schedule = () => setTimeout(run, intervalMs).unref();
  async function run() {
    await alertPass(watchingSince);
    schedule();
  }
  schedule();
}
