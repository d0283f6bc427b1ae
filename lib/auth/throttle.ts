// Limits password guessing, wherever a password is checked (lib/auth/users.ts, under both the
// sign-in action and Auth.js's own callback route). Every attempt counts against each of its keys
// (the account being tried, and the client's address when trusted proxies give one) *before* the
// password is checked: a key's first few attempts are free, then it may try again only after a
// wait that doubles with each further attempt (capped), even with the right password. A right
// password clears its keys; a quiet window forgets them. The counters live in the database, so
// a restart forgets nothing and every instance shares them.
import type { Database } from "@/lib/db/connection";
import { clearCounters, lockCounters, writeCounter, type Counter } from "@/lib/limits/rate-limits";

export interface ThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  freeAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  windowMs: 15 * 60_000,
};

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

/** `sign-in:account:<email>` and, when known, `sign-in:address:<ip>`. */
export function signInKeys(email: string, address: string | null): string[] {
  const keys = [`sign-in:account:${email.trim().toLowerCase().slice(0, 254)}`];
  if (address) keys.push(`sign-in:address:${address.slice(0, 64)}`);
  return keys;
}

function live(
  counter: Counter | undefined,
  now: Date,
  options: ThrottleOptions,
): Counter | undefined {
  return counter && now.getTime() - counter.lastAt.getTime() <= options.windowMs
    ? counter
    : undefined;
}

/** How long a key with this counter must still wait before its next attempt is checked. */
export function waitFor(
  counter: Counter | undefined,
  now: Date,
  options: ThrottleOptions = DEFAULT_THROTTLE,
): number {
  const entry = live(counter, now, options);
  if (!entry || entry.count < options.freeAttempts) return 0;
  const delay = Math.min(
    options.baseDelayMs * 2 ** (entry.count - options.freeAttempts),
    options.maxDelayMs,
  );
  return Math.max(0, entry.lastAt.getTime() + delay - now.getTime());
}

/**
 * Admits one attempt for all `keys` and counts it, or says how long to wait. The counters are
 * locked before they are read (lockCounters), so two attempts on any instances can never both
 * see a free slot.
 */
export function admit(
  database: Database,
  keys: string[],
  now = new Date(),
  options: ThrottleOptions = DEFAULT_THROTTLE,
): Promise<Admission> {
  return database.transaction(async (tx): Promise<Admission> => {
    const counters = new Map((await lockCounters(tx, keys, now)).map((c) => [c.key, c]));
    const wait = Math.max(0, ...keys.map((key) => waitFor(counters.get(key), now, options)));
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    for (const key of keys) {
      const entry = live(counters.get(key), now, options);
      await writeCounter(tx, {
        key,
        count: (entry?.count ?? 0) + 1,
        windowStartedAt: entry?.windowStartedAt ?? now,
        lastAt: now,
      });
    }
    return { ok: true };
  });
}

/** The right password: its keys start again from nothing. */
export function succeeded(database: Database, keys: string[]): Promise<void> {
  return database.run((db) => clearCounters(db, keys));
}

/** The whole seconds the sign-in page says to wait while the limit holds (admin.signIn.throttled). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
