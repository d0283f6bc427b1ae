// Delivers the outbox: at least once, and at most once per row as far as SMTP allows. A sender
// claims a due row with a conditional UPDATE (a lease, so two instances never send the same row at
// once and a sender that died mid-send is taken over), hands it to the SMTP server, records the
// try, and marks it sent, or schedules the next try with a doubling wait. A retry reuses the
// row's Message-ID, so a receiver can drop the copy if a crash ever made us send twice. Before a
// row's first try the claim counts it against its mailbox's daily cap (./recipient-limit.ts): an
// email the cap keeps back is recorded on its row, never sent, and staff can still resend it.
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { alertEmailGivenUp } from "@/lib/alerts/triggers";
import { clockOf, type Clock } from "@/lib/clock";
import type { Database, Tx } from "@/lib/db/connection";
import { emailDeliveries, emailOutbox, type EmailKind } from "@/lib/db/schema";
import { isAccountEmailKind } from "@/lib/db/schema/values";
import { observeEmailSend } from "@/lib/observability/payment-events";
import type { ShopTimeZone } from "@/lib/time-zone";
import { loadAccountEmail } from "./account-email";
import type { RenderedEmail } from "./email";
import { loadOrderEmail } from "./order-email";
import { RECIPIENT_LIMITED, takeRecipientSlot } from "./recipient-limit";
import { renderAccountEmail, renderEmail } from "./render";

/** What the sender needs of nodemailer's transporter (a test may pass its own). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    html: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ response: string }>;
}

export interface SenderSettings {
  transport: MailTransport;
  from: string;
  baseUrl: string;
  zone: ShopTimeZone;
  retryBaseMs: number;
  maxTries: number;
  /** Emails one mailbox may get per day, staff resends aside (MAIL_RECIPIENT_DAILY_LIMIT). */
  recipientDailyLimit: number;
  /** AUTH_SECRET: account emails derive their one-time link from it (lib/auth/account-tokens.ts). */
  tokenSecret: string;
}

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Kept back by the recipient's daily cap, and recorded so on their rows. */
  limited: number;
  /** Account emails whose link was used, revoked or expired before they went out: never sent. */
  withdrawn: number;
}

/** `last_error` of an account email not sent because its link stopped working first. */
export const LINK_WITHDRAWN = "withdrawn: the link stopped working before the email went out";

/** Long enough for any SMTP exchange; a row still `sending` after it is taken over. */
export const SEND_LEASE_MS = 2 * 60_000;
const MAX_RETRY_WAIT_MS = 60 * 60_000;
const BATCH = 20;

/** The wait before try `tries + 1`, after `tries` refused ones. */
export function retryDelayMs(tries: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(tries - 1, 0), MAX_RETRY_WAIT_MS);
}

/** `<outbox-12@toko.example>`: one Message-ID per outbox row, whatever the try. */
export function outboxMessageId(outboxId: number, baseUrl: string): string {
  return `<outbox-${outboxId}@${new URL(baseUrl).hostname}>`;
}

const due = (now: Date) =>
  or(
    and(eq(emailOutbox.status, "queued"), lte(emailOutbox.nextAttemptAt, now)),
    and(
      eq(emailOutbox.status, "sending"),
      or(isNull(emailOutbox.leaseUntil), lt(emailOutbox.leaseUntil, now)),
    ),
  );

export async function sendDueEmails(
  db: Database,
  settings: SenderSettings,
  clock: Clock = () => new Date(),
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, limited: 0, withdrawn: 0 };
  const nowOf = clockOf(clock);
  const now = nowOf();
  const candidates = await db.run((tx) =>
    tx
      .select({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        traceContext: emailOutbox.traceContext,
      })
      .from(emailOutbox)
      .where(due(now))
      .orderBy(emailOutbox.nextAttemptAt)
      .limit(BATCH),
  );
  for (const row of candidates) {
    const outcome = await observeEmailSend(row, () => sendOne(db, settings, row.id, nowOf));
    if (outcome) report[outcome]++;
  }
  return report;
}

async function claim(tx: Tx, id: number, now: Date) {
  const [row] = await tx
    .update(emailOutbox)
    .set({ status: "sending", leaseUntil: new Date(now.getTime() + SEND_LEASE_MS) })
    .where(and(eq(emailOutbox.id, id), due(now)))
    .returning();
  return row;
}

async function sendOne(
  db: Database,
  settings: SenderSettings,
  id: number,
  clock: () => Date,
): Promise<keyof SendReport | null> {
  // Read now, not when the pass began: a lease from a stale clock could already be over.
  const now = clock();
  const claimed = await db.transaction(async (tx) => {
    const row = await claim(tx, id, now);
    if (!row) return null;
    // Counted once, before its first try (a retry already has its place); a staff resend never is.
    if (
      row.resendOf === null &&
      row.tries === 0 &&
      !(await takeRecipientSlot(tx, row.recipient, row.kind, settings.recipientDailyLimit, now))
    ) {
      await tx
        .update(emailOutbox)
        .set({ status: "failed", leaseUntil: null, lastError: RECIPIENT_LIMITED })
        .where(eq(emailOutbox.id, row.id));
      return "limited" as const;
    }
    const render = await loadEmail(tx, row, settings, now);
    if (typeof render === "string") {
      await tx
        .update(emailOutbox)
        .set({ status: "failed", leaseUntil: null, lastError: `${LINK_WITHDRAWN}: ${render}` })
        .where(eq(emailOutbox.id, row.id));
      return "withdrawn" as const;
    }
    return { row, render };
  });
  if (!claimed) return null; // another sender has it
  if (claimed === "limited" || claimed === "withdrawn") return claimed;

  const { row, render } = claimed;
  const messageId = outboxMessageId(row.id, settings.baseUrl);
  const started = Date.now();
  let result: { ok: true; response: string } | { ok: false; error: string };
  try {
    if (!render) throw new Error(`the order or account link of outbox row ${row.id} is gone`);
    const rendered = await render();
    const info = await settings.transport.sendMail({
      from: settings.from,
      to: row.recipient,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers: { "X-Outbox-Id": String(row.id) },
    });
    result = { ok: true, response: info.response };
  } catch (error) {
    result = { ok: false, error: (error as Error).message || String(error) };
  }
  const durationMs = Date.now() - started;
  const tries = row.tries + 1;
  const finishedAt = new Date(now.getTime() + durationMs);

  return db.transaction(async (tx) => {
    await tx.insert(emailDeliveries).values({
      outboxId: row.id,
      ok: result.ok,
      response: result.ok ? result.response : result.error,
      durationMs,
      createdAt: finishedAt,
    });
    // Only while our lease is the row's: a sender that took it over owns the outcome now.
    const mine = and(
      eq(emailOutbox.id, row.id),
      eq(emailOutbox.status, "sending"),
      eq(emailOutbox.leaseUntil, row.leaseUntil!),
    );
    if (result.ok) {
      await tx
        .update(emailOutbox)
        .set({
          status: "sent",
          tries,
          messageId,
          sentAt: finishedAt,
          leaseUntil: null,
          lastError: null,
        })
        .where(mine);
      return "sent" as const;
    }
    const giveUp = tries >= settings.maxTries;
    const [ours] = await tx
      .update(emailOutbox)
      .set({
        status: giveUp ? "failed" : "queued",
        tries,
        leaseUntil: null,
        lastError: result.error,
        nextAttemptAt: new Date(finishedAt.getTime() + retryDelayMs(tries, settings.retryBaseMs)),
      })
      .where(mine)
      .returning({ id: emailOutbox.id });
    // A sender that lost its lease gives nothing up: the one that took the row over decides.
    if (giveUp && ours)
      await alertEmailGivenUp(tx, { ...row, tries, error: result.error }, finishedAt);
    return giveUp ? ("failed" as const) : ("retrying" as const);
  });
}

/**
 * What the row's email says, read now, ready to render; null when what it is about is gone; the
 * link's state when an account email's link no longer works.
 */
async function loadEmail(
  tx: Tx,
  row: {
    kind: EmailKind;
    orderId: number | null;
    accountTokenId: number | null;
    parcelId: number | null;
    refundId: number | null;
  },
  settings: SenderSettings,
  now: Date,
): Promise<(() => Promise<RenderedEmail>) | "used" | "revoked" | "expired" | null> {
  const shop = { baseUrl: settings.baseUrl, zone: settings.zone };
  if (isAccountEmailKind(row.kind)) {
    if (row.accountTokenId === null) return null;
    const email = await loadAccountEmail(
      tx,
      { accountTokenId: row.accountTokenId, kind: row.kind },
      { ...shop, tokenSecret: settings.tokenSecret },
      now,
    );
    if (typeof email === "string") return email;
    return email && (() => renderAccountEmail(email));
  }
  if (row.orderId === null) return null;
  const email = await loadOrderEmail(
    tx,
    { orderId: row.orderId, kind: row.kind, parcelId: row.parcelId, refundId: row.refundId },
    shop,
  );
  return email && (() => renderEmail(email));
}
