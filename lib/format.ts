// The one place for how orders read on screen, for the shop and the back office alike: the order
// reference, times and calendar days in the shop's time zone (lib/time-zone.ts), and each
// status's tone (its words are messages: messages/*/common.json). Pure (no server-only, no database): client components may import it.
// Money goes through formatRupiah (lib/money.ts) only.
import type { AttemptStatus, OrderStatus, ParcelState } from "@/lib/db/schema";
import { intlLocale, type Locale } from "@/lib/i18n/locales";
import { zoneLabel, zoneOffsetMs, type ShopTimeZone } from "@/lib/time-zone";

/** The short reference shown for an order: the first 8 characters of its public token. */
export function orderReference(token: string): string {
  return token.slice(0, 8).toUpperCase();
}

// ---- Times in the shop's zone --------------------------------------------------------------

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, zone: ShopTimeZone): Intl.DateTimeFormat {
  const key = `${locale} ${zone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone: zone,
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * `10 Mar 2026, 08:05 WIB` (`10 Agu 2026, 08:05 WITA` in Indonesian), or with seconds; without
 * the zone for a column whose header names it. Colons in the time in both languages: what
 * Indonesian marketplaces show, though PUEBI prefers 08.05.
 */
export function formatShopTime(
  date: Date,
  locale: Locale,
  zone: ShopTimeZone,
  options: { seconds?: boolean; zoneLabel?: boolean } = {},
): string {
  const all = dateTimeFormat(locale, zone).formatToParts(date);
  const p = (type: Intl.DateTimeFormatPartTypes) =>
    all.find((part) => part.type === type)?.value ?? "";
  const time = options.seconds
    ? `${p("hour")}:${p("minute")}:${p("second")}`
    : `${p("hour")}:${p("minute")}`;
  const text = `${p("day")} ${p("month")} ${p("year")}, ${time}`;
  return options.zoneLabel === false ? text : `${text} ${zoneLabel(zone)}`;
}

// ---- Calendar days in the shop's zone, as `YYYY-MM-DD` --------------------------------------
// Used by the back office's filter, its queries and its chart.

const DAY_MS = 24 * 60 * 60 * 1000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isValidYmd(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    y >= 2000 &&
    y <= 2999
  );
}

/** The instant a calendar day begins in the shop's zone (00:00 WIB, WITA or WIT). */
export function shopDayStart(ymd: string, zone: ShopTimeZone): Date {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - zoneOffsetMs(zone));
}

/** The calendar day an instant falls on in the shop's zone. */
export function shopDay(at: Date | number, zone: ShopTimeZone): string {
  return new Date(+at + zoneOffsetMs(zone)).toISOString().slice(0, 10);
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  const start = (ymd: string) => {
    const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((start(to) - start(from)) / DAY_MS);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** `2026-03-10` → `10 Mar` (or `10 Mar 2026`); `10 Agu` in Indonesian. */
export function formatDay(ymd: string, locale: Locale, options: { year?: boolean } = {}): string {
  const key = `${locale} ${options.year ? "y" : ""}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], {
      day: "numeric",
      month: "short",
      ...(options.year ? { year: "numeric" } : {}),
      timeZone: "UTC",
    });
    dayFormats.set(key, format);
  }
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

// ---- Statuses ------------------------------------------------------------------------------

/** The tones of components/ui/badge.tsx. */
export type Tone = "brand" | "neutral" | "good" | "bad" | "warn";

/** One tone per order or payment-attempt status, wherever a status is shown. */
export const STATUS_TONE: Record<OrderStatus | AttemptStatus, Tone> = {
  creating: "neutral",
  pending: "warn",
  rejected: "bad",
  paid: "good",
  failed: "bad",
  expired: "bad",
  refunded: "neutral",
  cancelled: "neutral",
};

/** One tone per parcel state, on the shopper's order page and in the back office alike. */
export const PARCEL_TONE: Record<ParcelState, Tone> = {
  awaiting: "warn",
  shipped: "brand",
  delivered: "good",
  cancelled: "neutral",
};
