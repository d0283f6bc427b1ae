// Limits password guessing. Each attempt is counted against several keys (the account being
// tried, and the client's address): a key's first few failures are free, then it may try again
// only after a wait that doubles with each further failure (capped), and only one of its attempts
// is checked at a time, so firing many at once gains nothing. An attempt is refused at once while
// any of its keys must wait; the quiet window forgets a key.
export interface ThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { freeAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, windowMs: 15 * 60_000 };

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterMs: number };

export function createThrottle(options: ThrottleOptions = DEFAULT_THROTTLE, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; last: number }>();
  const inFlight = new Map<string, number>();

  function failuresOf(key: string): { count: number; last: number } | undefined {
    const entry = failures.get(key);
    if (entry && now() - entry.last > options.windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }
  const limited = (key: string) => (failuresOf(key)?.count ?? 0) >= options.freeAttempts;

  /** How long this key must still wait before its next attempt is checked. */
  function waitFor(key: string): number {
    const entry = failuresOf(key);
    if (!entry || entry.count < options.freeAttempts) return 0;
    const delay = Math.min(options.baseDelayMs * 2 ** (entry.count - options.freeAttempts), options.maxDelayMs);
    return Math.max(0, entry.last + delay - now());
  }

  return {
    waitFor,
    /** Admits one attempt for all `keys`, or says how long to wait; `release()` when it is decided. */
    enter(keys: string[]): Admission {
      const wait = Math.max(0, ...keys.map(waitFor));
      if (wait > 0) return { ok: false, retryAfterMs: wait };
      if (keys.some((key) => limited(key) && (inFlight.get(key) ?? 0) > 0)) {
        return { ok: false, retryAfterMs: options.baseDelayMs };
      }
      for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          for (const key of keys) {
            const left = (inFlight.get(key) ?? 1) - 1;
            if (left > 0) inFlight.set(key, left);
            else inFlight.delete(key);
          }
        },
      };
    },
    fail(keys: string[]): void {
      for (const key of keys) {
        const entry = failuresOf(key);
        failures.set(key, { count: (entry?.count ?? 0) + 1, last: now() });
      }
      // Bounded memory under a spray of accounts or addresses: forget the oldest.
      while (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
  };
}
