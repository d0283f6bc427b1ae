// How much of an order may still be refunded, and what a refund asked for amounts to. Pure (no
// database, no server-only): the refund form checks with it in the browser, and lib/refunds/
// requests.ts checks again inside the transaction that records the refund, with the order locked.
// Money is integer rupiah; a refund is never more than the total less every refund already
// requested or completed, and never zero or less.
import type { ParcelState, RefundLine, RefundState } from "@/lib/db/schema/values";

/** An order line as a refund sees it (order_items). */
export interface RefundableItem {
  id: number;
  kind: "product" | "shipping";
  unitPrice: number;
  quantity: number;
}

/** A refund already recorded on the order, requested or completed. */
export interface RecordedRefund {
  state: RefundState;
  amount: number;
  lines: RefundLine[];
}

/** What an owner asks for: everything left, or chosen lines plus or minus an amount. */
export interface RefundAsk {
  full: boolean;
  lines: RefundLine[];
  adjustment: number;
}

/** The form field an error belongs to: `qty-<orderItemId>`, `adjustment`, or the whole `amount`. */
export type RefundField = `qty-${number}` | "adjustment" | "amount";
export type RefundPlanError =
  | "quantity.unknownLine"
  | "quantity.tooMany"
  | "amount.nothing"
  | "amount.notPositive"
  | "amount.overRefundable"
  | "amount.nothingLeft";

export type RefundPlan =
  | { ok: true; amount: number; full: boolean; lines: RefundLine[]; adjustment: number }
  | { ok: false; errors: Partial<Record<RefundField, RefundPlanError>> };

/** The total of every refund requested or completed: both count against what is left. */
export function refundedOrAsked(refunds: readonly RecordedRefund[]): number {
  return refunds.reduce((sum, r) => sum + r.amount, 0);
}

/** What may still be refunded: the total less every refund requested or completed, never below 0. */
export function refundableAmount(total: number, refunds: readonly RecordedRefund[]): number {
  return Math.max(0, total - refundedOrAsked(refunds));
}

/** Units of each line not yet in any refund. */
export function unitsLeft(
  items: readonly RefundableItem[],
  refunds: readonly RecordedRefund[],
): Map<number, number> {
  const left = new Map(items.map((item) => [item.id, item.quantity]));
  for (const refund of refunds)
    for (const line of refund.lines)
      left.set(line.orderItemId, Math.max(0, (left.get(line.orderItemId) ?? 0) - line.quantity));
  return left;
}

/** The refund an ask amounts to, or what is wrong with it, field by field. */
export function planRefund(
  order: { total: number; items: readonly RefundableItem[] },
  refunds: readonly RecordedRefund[],
  ask: RefundAsk,
): RefundPlan {
  const refundable = refundableAmount(order.total, refunds);
  const left = unitsLeft(order.items, refunds);
  if (ask.full) {
    if (refundable <= 0) return { ok: false, errors: { amount: "amount.nothingLeft" } };
    const lines = order.items.flatMap((item) => {
      const quantity = left.get(item.id) ?? 0;
      return quantity > 0 ? [{ orderItemId: item.id, quantity }] : [];
    });
    return { ok: true, amount: refundable, full: true, lines, adjustment: 0 };
  }

  const errors: Partial<Record<RefundField, RefundPlanError>> = {};
  const lines: RefundLine[] = [];
  let value = 0;
  for (const line of ask.lines) {
    if (line.quantity === 0) continue;
    const item = order.items.find((i) => i.id === line.orderItemId);
    const field: RefundField = `qty-${line.orderItemId}`;
    if (!item) errors[field] = "quantity.unknownLine";
    else if (line.quantity > (left.get(item.id) ?? 0)) errors[field] = "quantity.tooMany";
    else {
      lines.push({ orderItemId: item.id, quantity: line.quantity });
      value += item.unitPrice * line.quantity;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (lines.length === 0 && ask.adjustment === 0)
    return { ok: false, errors: { amount: "amount.nothing" } };
  const amount = value + ask.adjustment;
  if (amount <= 0) return { ok: false, errors: { amount: "amount.notPositive" } };
  if (amount > refundable) return { ok: false, errors: { amount: "amount.overRefundable" } };
  return { ok: true, amount, full: amount === refundable, lines, adjustment: ask.adjustment };
}

/**
 * Days left of the provider's refund window, counted from payment and rounded up (a part of a day
 * is a day); past it, the days since it ended, negative.
 */
export function refundWindowDaysLeft(paidAt: Date, windowDays: number, now: Date): number {
  const DAY = 86_400_000;
  const left = paidAt.getTime() + windowDays * DAY - now.getTime();
  return left >= 0 ? Math.ceil(left / DAY) : -Math.ceil(-left / DAY);
}

/**
 * Whether a parcel to ship has left (shipped or delivered): then the order can only be refunded.
 * Digital parcels are delivered at payment with nothing to take back, so they never block a cancel.
 */
export function hasShippedParcel(
  parcels: readonly { digital: boolean; state: ParcelState }[],
): boolean {
  return parcels.some((p) => !p.digital && (p.state === "shipped" || p.state === "delivered"));
}

/** What the shop keeps of an order: its total less the refunds completed (integer rupiah). */
export function orderNet(order: { total: number; refundedTotal: number }): number {
  return order.total - order.refundedTotal;
}
