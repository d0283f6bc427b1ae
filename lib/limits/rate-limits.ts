// Per-key counters in the `rate_limits` table, for limits that must hold across restarts and
// across every instance of the app. Free of `server-only` (it takes the transaction it runs in).
import { inArray, lt, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { rateLimits } from "@/lib/db/schema";
import type * as schema from "@/lib/db/schema";

export type LimitsTx = Pick<BetterSQLite3Database<typeof schema>, "select" | "insert" | "update" | "delete">;

export interface Counter {
  key: string;
  count: number;
  windowStartedAt: Date;
  lastAt: Date;
}

/**
 * Counts one hit on `key` in a fixed window of `windowMs` and answers the count so far, this hit
 * included: one atomic upsert, so concurrent hits on any instance are all counted.
 */
export function countHit(tx: LimitsTx, key: string, windowMs: number, now: Date): Counter {
  const expired = sql`${rateLimits.windowStartedAt} <= ${now.getTime() - windowMs}`;
  return tx
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: now, lastAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${now.getTime()} ELSE ${rateLimits.windowStartedAt} END`,
        lastAt: now,
      },
    })
    .returning()
    .get();
}

export function readCounters(tx: LimitsTx, keys: string[]): Counter[] {
  return keys.length ? tx.select().from(rateLimits).where(inArray(rateLimits.key, keys)).all() : [];
}

export function writeCounter(tx: LimitsTx, counter: Counter): void {
  const { count, windowStartedAt, lastAt } = counter;
  tx.insert(rateLimits)
    .values(counter)
    .onConflictDoUpdate({ target: rateLimits.key, set: { count, windowStartedAt, lastAt } })
    .run();
}

export function clearCounters(tx: LimitsTx, keys: string[]): void {
  if (keys.length) tx.delete(rateLimits).where(inArray(rateLimits.key, keys)).run();
}


/**
 * Drops counters untouched for `olderThanMs` (longer than any window that reads them). Only age
 * ever removes a counter, so a flood of new keys cannot push out the one that is limiting someone.
 */
export function pruneCounters(tx: LimitsTx, olderThanMs: number, now: Date): number {
  return tx.delete(rateLimits).where(lt(rateLimits.lastAt, new Date(now.getTime() - olderThanMs))).run().changes;
}
