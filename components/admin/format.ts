// Back-office wording and times. Every time is shown in Jakarta time (WIB); money goes through
// formatRupiah (lib/money.ts) only.
import type { AttemptStatus, EventKind, OrderStatus } from "@/lib/db/schema";

const parts = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "Asia/Jakarta", hourCycle: "h23" });

const dateTime = parts({ day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

function pick(date: Date) {
  const all = dateTime.formatToParts(date);
  return (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? "";
}

/** `10 Mar 2026, 08:05 WIB`, or with seconds for the payment timeline. */
export function formatWib(date: Date, options: { seconds?: boolean } = {}): string {
  const p = pick(date);
  const time = options.seconds ? `${p("hour")}:${p("minute")}:${p("second")}` : `${p("hour")}:${p("minute")}`;
  return `${p("day")} ${p("month")} ${p("year")}, ${time} WIB`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2026-03-10` → `10 Mar` (or `10 Mar 2026`). */
export function formatDay(ymd: string, options: { year?: boolean } = {}): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}${options.year ? ` ${y}` : ""}`;
}

export function orderReference(token: string): string {
  return token.slice(0, 8).toUpperCase();
}

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

export type Tone = "brand" | "neutral" | "good" | "bad" | "warn";

export const STATUS_TONE: Record<OrderStatus | AttemptStatus, Tone> = {
  creating: "neutral",
  pending: "warn",
  rejected: "bad",
  paid: "good",
  failed: "bad",
  expired: "bad",
  refunded: "neutral",
};

export const EVENT_KIND_LABEL: Record<EventKind, string> = {
  generate_order: "generate-order",
  check_status: "check status",
  notification: "notification",
  local_expiry: "local expiry",
};

/** Pretty-printed JSON when the body is JSON, else the body as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
