// Slows down repeated failed sign-ins from one address: the first few are free, then each
// further attempt waits twice as long as the one before (capped), until a quiet window passes.
export interface ThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000, windowMs: 15 * 60_000 };

export function createThrottle(options: ThrottleOptions = DEFAULT_THROTTLE, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; last: number }>();

  function current(key: string) {
    const entry = failures.get(key);
    if (entry && now() - entry.last > options.windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    /** How long this key must wait before its next attempt is even checked. */
    delayFor(key: string): number {
      const count = current(key)?.count ?? 0;
      if (count < options.freeAttempts) return 0;
      return Math.min(options.baseDelayMs * 2 ** (count - options.freeAttempts), options.maxDelayMs);
    },
    fail(key: string): void {
      const entry = current(key);
      failures.set(key, { count: (entry?.count ?? 0) + 1, last: now() });
      // Bounded memory under a spray of addresses: forget the oldest.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}
