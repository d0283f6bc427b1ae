// How many emails one mailbox gets from the shop per day. Checkout mails whatever address a
// stranger types, and a declined or expired payment costs them nothing, so without a cap the shop
// could be made to send any mailbox email after email from its own domain. The count is a row of
// `rate_limits` per mailbox, locked by the sender's claim, so every instance shares it.
import type { Tx } from "@/lib/db/connection";
import type { EmailKind } from "@/lib/db/schema";
import { mailboxKey } from "@/lib/limits/mailbox";
import { lockCounters, writeCounter } from "@/lib/limits/rate-limits";

/** The window the cap counts in: a day from the mailbox's first email in it. */
export const RECIPIENT_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Written as `last_error` of an email the cap kept back (with status `failed`: it is never tried
 * again by itself; staff can resend it). The back office words it; never change it, rows carry it.
 */
export const RECIPIENT_LIMITED = "limited: the address had reached its daily email limit";

/**
 * The emails the cap can keep back: those about an unpaid order, which anyone can cause. A
 * confirmation, digital delivery or refund notice follows money that moved through DOKU: never
 * withheld (a paying shopper must get it), but counted like every other email.
 */
export const LIMITED_KINDS: ReadonlySet<EmailKind> = new Set(["payment_failed", "payment_expired"]);

export const recipientCounterKey = (address: string) => `mail:to:${mailboxKey(address)}`;

/**
 * Counts one email to `recipient` and answers whether it may go: false when the window already
 * holds `limit` emails and this kind is one the cap keeps back (then nothing is counted). Runs in
 * the sender's claim transaction: the counter stays locked until it commits, so two instances
 * claiming emails to one mailbox at once count one after the other.
 */
export async function takeRecipientSlot(
  tx: Tx,
  recipient: string,
  kind: EmailKind,
  limit: number,
  now: Date,
): Promise<boolean> {
  const key = recipientCounterKey(recipient);
  const [counter] = await lockCounters(tx, [key], now);
  const live =
    counter !== undefined &&
    counter.windowStartedAt.getTime() > now.getTime() - RECIPIENT_WINDOW_MS;
  const count = live ? counter.count : 0;
  const windowStartedAt = live ? counter.windowStartedAt : now;
  if (count >= limit && LIMITED_KINDS.has(kind)) return false;
  await writeCounter(tx, { key, count: count + 1, windowStartedAt, lastAt: now });
  return true;
}
