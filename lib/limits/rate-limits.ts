// Per-key counters in the `rate_limits` table, for limits that must hold across restarts and
// across every instance of the app. Free of `server-only` (it takes the transaction it runs in).
import { asc, inArray, lt, lte, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { dialect, rateLimits } from "@/lib/db/schema";

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
export async function countHit(tx: Tx, key: string, windowMs: number, now: Date): Promise<Counter> {
  // The operator binds the Date through the column, so each dialect gets its own encoding of it.
  const expired = lte(rateLimits.windowStartedAt, new Date(now.getTime() - windowMs));
  const [counter] = await tx
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: now, lastAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${sql.param(now, rateLimits.windowStartedAt)} ELSE ${rateLimits.windowStartedAt} END`,
        lastAt: now,
      },
    })
    .returning();
  return counter!;
}

export async function readCounters(tx: Tx, keys: string[]): Promise<Counter[]> {
  return keys.length ? await tx.select().from(rateLimits).where(inArray(rateLimits.key, keys)) : [];
}

/**
 * The counters of `keys`, locked until `tx` ends, for a read that decides the write after it. On
 * SQLite the transaction already holds the write lock (BEGIN IMMEDIATE). On PostgreSQL a row
 * that does not exist yet cannot be locked, so each missing key first gets a row at count 0 (the
 * same as no row); rows are taken in key order, so two callers never wait on each other in a ring.
 */
export async function lockCounters(tx: Tx, keys: string[], now: Date): Promise<Counter[]> {
  if (dialect !== "postgresql" || keys.length === 0) return readCounters(tx, keys);
  const sorted = [...new Set(keys)].sort();
  await tx
    .insert(rateLimits)
    .values(sorted.map((key) => ({ key, count: 0, windowStartedAt: now, lastAt: now })))
    // A lock is a use: pruneCounters must not take a row away between this and the FOR UPDATE.
    .onConflictDoUpdate({ target: rateLimits.key, set: { lastAt: now } });
  return tx
    .select()
    .from(rateLimits)
    .where(inArray(rateLimits.key, sorted))
    .orderBy(asc(rateLimits.key))
    .for("update");
}

export async function writeCounter(tx: Tx, counter: Counter): Promise<void> {
  const { count, windowStartedAt, lastAt } = counter;
  await tx
    .insert(rateLimits)
    .values(counter)
    .onConflictDoUpdate({ target: rateLimits.key, set: { count, windowStartedAt, lastAt } });
}

export async function clearCounters(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length) await tx.delete(rateLimits).where(inArray(rateLimits.key, keys));
}

/**
 * Drops counters untouched for `olderThanMs` (longer than any window that reads them). Only age
 * ever removes a counter, so a flood of new keys cannot push out the one that is limiting someone.
 */
export async function pruneCounters(tx: Tx, olderThanMs: number, now: Date): Promise<number> {
  const removed = await tx
    .delete(rateLimits)
    .where(lt(rateLimits.lastAt, new Date(now.getTime() - olderThanMs)))
    .returning({ key: rateLimits.key });
  return removed.length;
}
