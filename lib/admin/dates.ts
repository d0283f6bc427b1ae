// Calendar days in Jakarta time (WIB, UTC+7, no daylight saving) as `YYYY-MM-DD` strings, and
// the instants where they begin. Pure: used by the filter, the queries and the chart.
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isValidYmd(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2999;
}

/** The instant a Jakarta calendar day begins (00:00 WIB). */
export function jakartaDayStart(ymd: string): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - JAKARTA_OFFSET_MS);
}

/** The Jakarta calendar day an instant falls on. */
export function jakartaDay(at: Date | number): string {
  return new Date(+at + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((jakartaDayStart(to).getTime() - jakartaDayStart(from).getTime()) / DAY_MS);
}

/** Seconds to add to a unix-seconds value in SQLite to land on Jakarta wall-clock time. */
export const JAKARTA_OFFSET_SECONDS = JAKARTA_OFFSET_MS / 1000;
