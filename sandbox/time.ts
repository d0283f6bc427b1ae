// Time formats DOKU uses. Request/response timestamps are UTC with second precision; the
// "local" dates of generate-order are Jakarta time (WIB, UTC+7, no daylight saving).
export { dokuTimestamp } from "../lib/doku/signature";

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** yyyyMMddHHmmss in WIB. */
export function wibCompact(date: Date): string {
  const wib = new Date(date.getTime() + WIB_OFFSET_MS);
  return wib.toISOString().slice(0, 19).replace(/[-T:]/g, "");
}

/**
 * The `_utc` fields as DOKU's own sample prints them: Jakarta's clock time with a `Z` (its table
 * says UTC+7). A client that read them as UTC would be seven hours off, so the app reads
 * `expired_date` first; the sandbox prints what DOKU prints.
 */
export function wibClockWithZ(date: Date): string {
  return new Date(date.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 19) + "Z";
}

/**
 * Parses `YYYY-MM-DDTHH:mm:ssZ` strictly (no millis, no offsets) and rejects impossible dates
 * such as Feb 30, which `Date.parse` would silently roll over.
 */
export function parseDokuTimestamp(value: string): Date | null {
  const m = TIMESTAMP_PATTERN.exec(value);
  if (!m) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 19) === value.slice(0, 19) ? date : null;
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
