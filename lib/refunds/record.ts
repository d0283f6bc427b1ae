// Recording a refund inside a transaction: the order row is locked first (FOR UPDATE on
// PostgreSQL; SQLite's BEGIN IMMEDIATE already runs one writer at a time), so two owners on two
// instances read the same refunds one after the other and the second sees the first: together
// they never refund more than was paid. The refund row, the units put back on sale, the activity
// entry and the shopper's email are written in that same transaction, so each happens once.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { recordActivity, type Actor } from "@/lib/activity/record";
import type { Tx } from "@/lib/db/connection";
import {
  orderItems,
  orders,
  parcels,
  paymentAttempts,
  products,
  refunds,
  type RefundLine,
} from "@/lib/db/schema";
import { refreshFulfilment } from "@/lib/fulfilment/parcels";
import { lockOrder } from "@/lib/orders/lock";
import { queueRefundEmail } from "./emails";
import type { RefundFieldErrors } from "./refund-schema";
import {
  planRefund,
  unitsLeft,
  type RecordedRefund,
  type RefundableItem,
  type RefundAsk,
} from "./refundable";

// The refund modules lock the order through here (lib/orders/lock.ts holds it for every order change).
export { lockOrder };

export const orderRefunds = (tx: Tx, orderId: number) =>
  tx.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));

export const refundableItems = (tx: Tx, orderId: number) =>
  tx
    .select({
      id: orderItems.id,
      kind: orderItems.kind,
      unitPrice: orderItems.unitPrice,
      quantity: orderItems.quantity,
      productId: orderItems.productId,
      sellerId: orderItems.sellerId,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));

/** The attempt that paid the order: its invoice number is what DOKU's Back Office finds it by. */
export async function paidAttempt(tx: Tx, orderId: number) {
  const [attempt] = await tx
    .select({ id: paymentAttempts.id, invoiceNumber: paymentAttempts.invoiceNumber })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.orderId, orderId),
        inArray(paymentAttempts.status, ["paid", "refunded"]),
      ),
    )
    .orderBy(desc(paymentAttempts.id))
    .limit(1);
  return attempt;
}

export interface RefundRequest extends RefundAsk {
  reason: string;
  restock: boolean;
  /** Refunds the form saw on the order; a different count now means it changed meanwhile. */
  seen?: number;
}

export type Recorded =
  | { ok: true; refundId: number; amount: number; invoiceNumber: string }
  | { ok: false; errors: RefundFieldErrors };

/** Puts a refund's product units back on sale (once: it runs with the refund row's insert). */
async function restock(
  tx: Tx,
  lines: RefundLine[],
  items: { id: number; productId: number | null }[],
) {
  const byProduct = new Map<number, number>();
  for (const line of lines) {
    const productId = items.find((i) => i.id === line.orderItemId)?.productId;
    if (productId) byProduct.set(productId, (byProduct.get(productId) ?? 0) + line.quantity);
  }
  // In product id order, as every other stock change, so PostgreSQL locks rows in one order.
  for (const [productId, quantity] of [...byProduct].sort(([a], [b]) => a - b))
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${quantity}` })
      .where(eq(products.id, productId));
}

/**
 * A seller's parcel still awaiting whose every product unit is now in a refund has nothing left to
 * ship: it is cancelled (else it would await forever). Digital parcels were delivered at payment.
 */
export async function cancelRefundedParcels(
  tx: Tx,
  orderId: number,
  items: (RefundableItem & { sellerId: string | null })[],
  all: RecordedRefund[],
  now: Date,
): Promise<number[]> {
  const awaiting = await tx
    .select({ id: parcels.id, sellerId: parcels.sellerId })
    .from(parcels)
    .where(
      and(eq(parcels.orderId, orderId), eq(parcels.digital, false), eq(parcels.state, "awaiting")),
    );
  if (awaiting.length === 0) return [];
  const left = unitsLeft(items, all);
  const done = awaiting
    .filter((parcel) => {
      const own = items.filter((i) => i.kind === "product" && i.sellerId === parcel.sellerId);
      return own.length > 0 && own.every((i) => (left.get(i.id) ?? 0) === 0);
    })
    .map((p) => p.id);
  if (done.length === 0) return [];
  const cancelled = await tx
    .update(parcels)
    .set({ state: "cancelled", cancelledAt: now, updatedAt: now })
    .where(and(inArray(parcels.id, done), eq(parcels.state, "awaiting")))
    .returning({ id: parcels.id });
  return cancelled.map((p) => p.id);
}

/** An owner's refund of a paid order, recorded as `requested` (the money moves in DOKU's Back Office). */
export async function recordRefund(
  tx: Tx,
  orderId: number,
  request: RefundRequest,
  actor: Actor,
  clientAddress: string | null,
  now: Date,
  { email = true }: { email?: boolean } = {},
): Promise<Recorded> {
  const order = await lockOrder(tx, orderId);
  if (!order || order.status !== "paid") return { ok: false, errors: { form: "notPaid" } };
  const prior = await orderRefunds(tx, orderId);
  if (request.seen !== undefined && prior.length !== request.seen)
    return { ok: false, errors: { form: "stale" } };
  const attempt = await paidAttempt(tx, orderId);
  if (!attempt) return { ok: false, errors: { form: "notPaid" } };
  const items = await refundableItems(tx, orderId);
  const plan = planRefund({ total: order.total, items }, prior, request);
  if (!plan.ok) return { ok: false, errors: plan.errors };

  // Units go back on sale only if the order holds them as sold (a late payment may have found none).
  const restocked = request.restock && order.stockState === "sold" && plan.lines.length > 0;
  const [row] = await tx
    .insert(refunds)
    .values({
      orderId,
      attemptId: attempt.id,
      invoiceNumber: attempt.invoiceNumber,
      state: "requested",
      amount: plan.amount,
      full: plan.full,
      lines: plan.lines,
      adjustment: plan.adjustment,
      reason: request.reason,
      restock: restocked,
      requestedById: actor.id,
      requestedByName: actor.name,
      createdAt: now,
    })
    .returning({ id: refunds.id });
  const refundId = row!.id;
  if (restocked) await restock(tx, plan.lines, items);
  const parcelsCancelled = await cancelRefundedParcels(
    tx,
    orderId,
    items,
    [...prior, { state: "requested", amount: plan.amount, lines: plan.lines }],
    now,
  );
  if (parcelsCancelled.length > 0) await refreshFulfilment(tx, orderId, now);
  await recordActivity(tx, {
    actor,
    action: "order.refund_requested",
    subject: { type: "order", id: orderId },
    before: { refundable: order.total - prior.reduce((s, r) => s + r.amount, 0) },
    after: {
      refundId,
      amount: plan.amount,
      full: plan.full,
      lines: plan.lines,
      adjustment: plan.adjustment,
      reason: request.reason,
      restock: restocked,
      invoiceNumber: attempt.invoiceNumber,
      ...(parcelsCancelled.length > 0 ? { parcelsCancelled } : {}),
    },
    clientAddress,
    at: now,
  });
  if (email) await queueRefundEmail(tx, orderId, { kind: "refund_requested", refundId }, now);
  return { ok: true, refundId, amount: plan.amount, invoiceNumber: attempt.invoiceNumber };
}

/**
 * orders.refunded_total := the sum of completed refunds; the order becomes `refunded` when that is
 * its whole total, and otherwise stays `paid` with a smaller net. Returns whether it became refunded.
 */
export async function settleRefundedTotal(tx: Tx, orderId: number, now: Date): Promise<boolean> {
  const [sum] = await tx
    .select({ done: sql<number>`coalesce(sum(${refunds.amount}), 0)`.mapWith(Number) })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.state, "completed")));
  const done = sum?.done ?? 0;
  const [order] = await tx
    .update(orders)
    .set({ refundedTotal: done, updatedAt: now })
    .where(eq(orders.id, orderId))
    .returning({ total: orders.total, status: orders.status });
  if (!order || done !== order.total) return false;
  const moved = await tx
    .update(orders)
    .set({ status: "refunded", updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.status, "paid")))
    .returning({ id: orders.id });
  return moved.length === 1;
}
