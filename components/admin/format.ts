// Back-office formatting helpers. Order references, times and days in the shop's zone, status
// tones are shared with the shop (lib/format.ts); every word is a message (messages/*/admin.json).
import { formatShopTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { type ShopTimeZone, zoneLabel } from "@/lib/time-zone";

/** Pretty-printed JSON when the body is JSON, else the body as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** `10 Mar 2026, 08:05`: a time in the shop's zone for a column whose header names the zone. */
export function formatShopTimeInColumn(date: Date, locale: Locale, zone: ShopTimeZone): string {
  const text = formatShopTime(date, locale, zone);
  const suffix = ` ${zoneLabel(zone)}`;
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}
