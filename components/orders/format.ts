// Shopper-facing order wording and times. Times are shown in Jakarta time (WIB).
import type { OrderStatus } from "@/lib/db/schema";

const jakarta = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Asia/Jakarta",
});

/** `27 Nov 2026, 17:05 WIB` */
export function formatJakartaTime(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => jakarta.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")} WIB`;
}

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  expired: "Payment expired",
  refunded: "Refunded",
};

export const STATUS_TONE: Record<OrderStatus, "warn" | "good" | "bad" | "neutral"> = {
  pending: "warn",
  paid: "good",
  failed: "bad",
  expired: "bad",
  refunded: "neutral",
};

export function shortReference(token: string): string {
  return token.slice(0, 8).toUpperCase();
}
