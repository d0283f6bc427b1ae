// The one place for how orders read on screen, for the shop and the back office alike: the order
// reference, times and calendar days in Jakarta time (WIB, UTC+7, no daylight saving), and each
// status's words and tone. Pure (no server-only, no database): client components may import it.
// Money goes through formatRupiah (lib/money.ts) only.
import type { AttemptStatus, OrderStatus } from "@/lib/db/schema";

/** The short reference shown for an order: the first 8 characters of its public token. */
export function orderReference(token: string): string {
  return token.slice(0, 8).toUpperCase();
}

// ---- Times in WIB --------------------------------------------------------------------------

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "Asia/Jakarta",
});

/** `10 Mar 2026, 08:05 WIB`, or `10 Mar 2026, 08:05:09 WIB` with seconds. */
export function formatWib(date: Date, options: { seconds?: boolean } = {}): string {
  const all = dateTime.formatToParts(date);
  const p = (type: Intl.DateTimeFormatPartTypes) => all.find((part) => part.type === type)?.value ?? "";
  const time = options.seconds ? `${p("hour")}:${p("minute")}:${p("second")}` : `${p("hour")}:${p("minute")}`;
  return `${p("day")} ${p("month")} ${p("year")}, ${time} WIB`;
}

// ---- Calendar days in WIB, as `YYYY-MM-DD` -------------------------------------------------
// Used by the back office's filter, its queries and its chart.

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Seconds to add to a unix-seconds value in SQLite to land on Jakarta wall-clock time. */
export const JAKARTA_OFFSET_SECONDS = JAKARTA_OFFSET_MS / 1000;

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

/** `2026-03-10` → `10 Mar` (or `10 Mar 2026`). */
export function formatDay(ymd: string, options: { year?: boolean } = {}): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}${options.year ? ` ${y}` : ""}`;
}

// ---- Statuses ------------------------------------------------------------------------------

/** What the shopper reads on their order page. */
export const SHOPPER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  expired: "Payment expired",
  refunded: "Refunded",
};

/** The back office's shorter words for an order's status. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Pending",
  paid: "Paid",
  failed: "Failed",
  expired: "Expired",
  refunded: "Refunded",
};

export const ATTEMPT_STATUS_LABEL: Record<AttemptStatus, string> = {
  creating: "Creating",
  pending: "Pending",
  rejected: "Rejected",
  paid: "Paid",
  failed: "Failed",
  expired: "Expired",
  refunded: "Refunded",
};

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
};
