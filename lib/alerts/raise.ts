// Every alert is a row first, written in the transaction of what caused it (a flagged event, an
// email given up, …), so an alert exists exactly when its cause committed. Then the per-kind gate
// decides, in the same transaction, whether it is the one of its 15 minutes that is sent or one
// that is only counted: the gate is a `rate_limits` row locked like the email cap's, so instances
// decide one after the other and the limit holds across all of them. The counted ones reach a
// person on the next alert of the kind ("+N more") or, if none comes, in the digest the alert loop
// queues when the window ends (queueDigests), whichever takes the gate's lock first.
// Lock order: a transaction takes these alert/counter rows LAST, after its attempt, order and
// product rows, so no two payment transactions ever wait on each other in a ring.
import { and, eq, gt, like, lte } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/connection";
import { alertKinds, alerts, rateLimits, type AlertKind } from "@/lib/db/schema";
import { lockCounters, writeCounter } from "@/lib/limits/rate-limits";

/** At most one alert of a kind is sent per window; the rest are recorded as suppressed. */
export const ALERT_WINDOW_MS = 15 * 60_000;

export interface NewAlert {
  kind: AlertKind;
  /** The cause, e.g. `event:42`: raising the same cause again records nothing more. */
  dedupeKey: string;
  /** One line for a person; the webhook's text starts with it. */
  summary: string;
  details: Record<string, string | number | null>;
}

export type Raised =
  { id: number; state: "queued"; coalesced: number } | { id: number; state: "suppressed" } | null;

/** The gate's row: `count` alerts of the kind since `windowStartedAt`, the sent one included. */
export const alertGateKey = (kind: AlertKind) => `alert:window:${kind}`;

/** Records an alert in `tx`; null when its cause was already recorded. */
export async function raiseAlert(tx: Tx, alert: NewAlert, now = new Date()): Promise<Raised> {
  const [row] = await tx
    .insert(alerts)
    .values({ ...alert, state: "queued", nextTryAt: now, createdAt: now })
    .onConflictDoNothing({ target: alerts.dedupeKey })
    .returning({ id: alerts.id });
  if (!row) return null;

  const key = alertGateKey(alert.kind);
  const [gate] = await lockCounters(tx, [key], now);
  // PostgreSQL's lock creates a missing row at count 0: that is "no window", like no row.
  const open =
    gate !== undefined &&
    gate.count >= 1 &&
    gate.windowStartedAt.getTime() > now.getTime() - ALERT_WINDOW_MS;
  if (open) {
    await writeCounter(tx, { ...gate, count: gate.count + 1, lastAt: now });
    await tx.update(alerts).set({ state: "suppressed" }).where(eq(alerts.id, row.id));
    return { id: row.id, state: "suppressed" };
  }
  // The previous window's suppressed alerts ride on this one as "+N more".
  const coalesced = gate && gate.count > 1 ? gate.count - 1 : 0;
  await writeCounter(tx, { key, count: 1, windowStartedAt: now, lastAt: now });
  if (coalesced > 0) await tx.update(alerts).set({ coalesced }).where(eq(alerts.id, row.id));
  return { id: row.id, state: "queued", coalesced };
}

/**
 * For each kind whose window has ended with alerts counted but not carried by a later one: one
 * alert saying how many, so every cause reaches a person within about a window. It is the kind's
 * sent alert of a new window, decided under the gate's lock, so one instance queues it, once.
 */
export async function queueDigests(db: Database, now = new Date()): Promise<number> {
  const ended = new Date(now.getTime() - ALERT_WINDOW_MS);
  const pending = await db.run((tx) =>
    tx
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(
        and(
          like(rateLimits.key, "alert:window:%"),
          gt(rateLimits.count, 1),
          lte(rateLimits.windowStartedAt, ended),
        ),
      ),
  );
  let queued = 0;
  for (const kind of alertKinds) {
    const key = alertGateKey(kind);
    if (!pending.some((p) => p.key === key)) continue;
    const done = await db.transaction(async (tx) => {
      const [gate] = await lockCounters(tx, [key], now);
      // Another instance, or an alert of the kind, carried them since the read above.
      if (!gate || gate.count <= 1 || gate.windowStartedAt.getTime() > ended.getTime()) return 0;
      const more = gate.count - 1;
      const since = gate.windowStartedAt.toISOString();
      const [row] = await tx
        .insert(alerts)
        .values({
          kind,
          dedupeKey: `digest:${kind}:${gate.windowStartedAt.getTime()}`,
          summary: `${more} more ${kind} alert${more === 1 ? "" : "s"} since ${since}, not sent one by one (the back office lists them)`,
          details: { notSent: more, since },
          state: "queued",
          nextTryAt: now,
          createdAt: now,
        })
        .onConflictDoNothing({ target: alerts.dedupeKey })
        .returning({ id: alerts.id });
      await writeCounter(tx, { key, count: 1, windowStartedAt: now, lastAt: now });
      return row ? 1 : 0;
    });
    queued += done;
  }
  return queued;
}
