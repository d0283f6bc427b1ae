// The sender's own schedule inside `next start`, beside the reconciler's: a timer chain that never
// overlaps runs and never keeps the process alive. Without SMTP_URL nothing is sent: the outbox
// keeps filling, and the back office shows those emails as not sent.
import "server-only";
import nodemailer from "nodemailer";
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logError, logLine } from "@/lib/log";
import { sendDueEmails, type SenderSettings } from "./sender";

const globalForMailer = globalThis as unknown as { __mailerStarted?: boolean };

/** The sender's settings from the environment; null when no SMTP server is configured. */
export function senderSettings(): SenderSettings | null {
  const config = env();
  if (!config.SMTP_URL || !config.MAIL_FROM) return null;
  return {
    transport: nodemailer.createTransport(config.SMTP_URL),
    from: config.MAIL_FROM,
    baseUrl: config.APP_BASE_URL,
    zone: config.SHOP_TIME_ZONE,
    retryBaseMs: config.MAIL_RETRY_BASE_MS,
    maxTries: config.MAIL_MAX_TRIES,
    recipientDailyLimit: config.MAIL_RECIPIENT_DAILY_LIMIT,
    tokenSecret: config.AUTH_SECRET,
  };
}

export function startMailer(intervalMs: number): void {
  if (intervalMs <= 0 || globalForMailer.__mailerStarted) return;
  const settings = senderSettings();
  if (!settings) {
    logLine({ event: "mail", message: "SMTP_URL is not set: emails are queued but not sent" });
    return;
  }
  globalForMailer.__mailerStarted = true;
  const schedule = () => setTimeout(run, intervalMs).unref();
  async function run() {
    try {
      const report = await sendDueEmails(database(), settings!);
      if (Object.values(report).some((n) => n > 0)) logLine({ event: "mail", ...report });
    } catch (error) {
      logError({ event: "mail", error: (error as Error).message });
    }
    schedule();
  }
  schedule();
}
