// Keeps bounded what unauthenticated requests can make the app store. A notification whose
// signature did not verify is kept (headers, size, hash, first bytes) for review of an attack or
// a misconfiguration, for a week and at most the newest 10,000; sign-in and checkout counters are
// dropped a day after their last use; a cart goes with its items once its cookie has expired
// (lib/cart/cart.ts); an alert that was sent, given up or only counted goes after 90 days (one
// still queued or sending stays, whatever its age); an activity entry goes once it is older than
// ACTIVITY_RETENTION_DAYS (lib/activity/retention.ts; the database refuses younger). Never touched here: verified notifications and the inbox (`inbox_key`), on
// which replay safety rests, flagged rows a human must review, and our own calls.
import "server-only";
import { and, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { ACTIVITY_RETENTION_DAYS } from "@/lib/activity/retention";
import { pruneExpiredCarts } from "@/lib/cart/cart";
import { transaction } from "@/lib/db/client";
import { activityLog, alerts, paymentEvents } from "@/lib/db/schema";
import { pruneCounters } from "@/lib/limits/rate-limits";

export const NOISE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_NOISE_ROWS = 10_000;
const COUNTER_RETENTION_MS = 24 * 60 * 60 * 1000;
export const ALERT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Activity entries created before this go. A day past the retention, and never later than the real
 * clock minus it: the database's trigger judges age by its own clock, and one refused row would
 * roll back the whole prune, so a clock a little apart from the database's must never reach it.
 */
export function activityPruneCutoff(now: Date): Date {
  return new Date(Math.min(now.getTime(), Date.now()) - (ACTIVITY_RETENTION_DAYS + 1) * DAY_MS);
}

// Matches the partial index payment_events_unverified.
const noise = and(
  eq(paymentEvents.signatureValid, false),
  isNull(paymentEvents.inboxKey),
  eq(paymentEvents.flagged, false),
);

export interface PruneReport {
  noise: number;
  counters: number;
  carts: number;
  alerts: number;
  activity: number;
}

export function pruneNoise(
  now = new Date(),
  { retentionMs = NOISE_RETENTION_MS, maxRows = MAX_NOISE_ROWS } = {},
): Promise<PruneReport> {
  return transaction(async (tx) => {
    const aged = await tx
      .delete(paymentEvents)
      .where(and(noise, lt(paymentEvents.createdAt, new Date(now.getTime() - retentionMs))))
      .returning({ id: paymentEvents.id });
    let removed = aged.length;
    // Past the cap, the oldest go first: a flood ages out earlier noise, never anything else.
    const [oldestKept] = await tx
      .select({ createdAt: paymentEvents.createdAt })
      .from(paymentEvents)
      .where(noise)
      .orderBy(desc(paymentEvents.createdAt))
      .limit(1)
      .offset(maxRows - 1);
    if (oldestKept) {
      const capped = await tx
        .delete(paymentEvents)
        .where(and(noise, lt(paymentEvents.createdAt, oldestKept.createdAt)))
        .returning({ id: paymentEvents.id });
      removed += capped.length;
    }
    return {
      noise: removed,
      counters: await pruneCounters(tx, COUNTER_RETENTION_MS, now),
      carts: await pruneExpiredCarts(tx, now),
      alerts: (
        await tx
          .delete(alerts)
          .where(
            and(
              inArray(alerts.state, ["sent", "failed", "suppressed"]),
              lt(alerts.createdAt, new Date(now.getTime() - ALERT_RETENTION_MS)),
            ),
          )
          .returning({ id: alerts.id })
      ).length,
      activity: (
        await tx
          .delete(activityLog)
          .where(lt(activityLog.createdAt, activityPruneCutoff(now)))
          .returning({ id: activityLog.id })
      ).length,
    };
  });
}
