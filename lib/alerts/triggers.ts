// What the money path calls, one line each, inside the transaction of the change it reports:
// an event flagged for review, a DOKU call that failed (counted, to alert on a streak), an email
// given up. Each turns its cause into one alert row (lib/alerts/raise.ts).
import { and, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { rateLimits } from "@/lib/db/schema";
import type { Exchange } from "@/lib/payments/provider";
import { raiseAlert } from "./raise";

/** An event a person must look at (docs/reliability.md, rule 2): one alert per event. */
export function alertFlaggedEvent(
  tx: Tx,
  event: { id: number; kind: string; orderId: number | null; outcome: string },
  now = new Date(),
) {
  return raiseAlert(
    tx,
    {
      kind: "flagged_for_review",
      dedupeKey: `event:${event.id}`,
      summary: `Payment event #${event.id} (${event.kind}) flagged for review${event.orderId ? ` on order #${event.orderId}` : ""}`,
      details: {
        event: event.id,
        eventKind: event.kind,
        order: event.orderId,
        outcome: event.outcome,
      },
    },
    now,
  );
}

/** The row counting DOKU's failed calls in a row, shared by every instance. */
export const DOKU_FAILURES_KEY = "alert:doku:consecutive_failures";

/**
 * Whether DOKU failed this call: no answer (network, timeout), a 5xx, or a 200 whose signature did
 * not verify. A 4xx is DOKU answering our mistake, and an unparseable signed body is DOKU's but
 * rare enough to be flagged rather than counted.
 */
export function dokuFailed(exchange: Pick<Exchange, "status" | "signatureValid">): boolean {
  if (exchange.status === null || exchange.status >= 500) return true;
  return exchange.status === 200 && exchange.signatureValid === false;
}

/**
 * Counts a failed call (one atomic upsert, so concurrent calls on any instance are all counted)
 * or ends the streak on a good one. Alerts at every `threshold`-th failure in a row: at N, and
 * again at 2N, … while it lasts (the 15-minute gate keeps that to one message per window).
 */
export async function noteDokuCall(
  tx: Tx,
  exchange: Pick<Exchange, "status" | "signatureValid" | "url">,
  threshold: number,
  now = new Date(),
): Promise<void> {
  if (!dokuFailed(exchange)) {
    await tx
      .update(rateLimits)
      .set({ count: 0, lastAt: now })
      .where(and(eq(rateLimits.key, DOKU_FAILURES_KEY), gt(rateLimits.count, 0)));
    return;
  }
  const fresh = sql`${rateLimits.count} = 0`;
  const [counter] = await tx
    .insert(rateLimits)
    .values({ key: DOKU_FAILURES_KEY, count: 1, windowStartedAt: now, lastAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`${rateLimits.count} + 1`,
        windowStartedAt: sql`CASE WHEN ${fresh} THEN ${sql.param(now, rateLimits.windowStartedAt)} ELSE ${rateLimits.windowStartedAt} END`,
        lastAt: now,
      },
    })
    .returning();
  if (!counter || counter.count % threshold !== 0) return;
  const what =
    exchange.status === null
      ? "no answer (network or timeout)"
      : exchange.status >= 500
        ? `HTTP ${exchange.status}`
        : "a response signature that did not verify";
  await raiseAlert(
    tx,
    {
      kind: "doku_failing",
      dedupeKey: `doku:${counter.windowStartedAt.getTime()}:${counter.count}`,
      summary: `DOKU failed ${counter.count} calls in a row (last: ${what})`,
      details: {
        failuresInARow: counter.count,
        since: counter.windowStartedAt.toISOString(),
        lastUrl: urlPath(exchange.url),
        lastStatus: exchange.status,
      },
    },
    now,
  );
}

/** The path of a URL, or the text as it is: an alert must never fail its cause's transaction. */
function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.slice(0, 200);
  }
}

/** An email address, in angle brackets or bare, as SMTP servers quote the recipient. */
const EMAIL_ADDRESS = /<?[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+>?/g;

/** The customer's address never leaves the shop in an alert (Slack, Discord): the outbox row keeps it. */
export const redactEmails = (text: string) => text.replace(EMAIL_ADDRESS, "<recipient>");

/** The sender stopped retrying an email: the shopper has not received it. */
export function alertEmailGivenUp(
  tx: Tx,
  email: { id: number; orderId: number | null; kind: string; tries: number; error: string },
  now = new Date(),
) {
  return raiseAlert(
    tx,
    {
      kind: "email_given_up",
      dedupeKey: `email:${email.id}`,
      summary: redactEmails(
        `Email ${email.kind} ${email.orderId === null ? "for a back-office account" : `for order #${email.orderId}`} was given up after ${email.tries} tries`,
      ),
      details: {
        email: email.id,
        order: email.orderId,
        emailKind: email.kind,
        lastError: redactEmails(email.error).slice(0, 300),
      },
    },
    now,
  );
}
