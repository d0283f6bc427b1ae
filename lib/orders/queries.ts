// What a shopper may see of an order, found by its unguessable token: items, totals, status and
// a payment timeline (as codes: components/orders/payment-timeline.tsx words them in the shopper's
// language). No Request-Ids, headers or DOKU bodies ever leave this file.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { run } from "@/lib/db/client";
import {
  orderItems,
  orders,
  paymentAttempts,
  paymentEvents,
  refunds,
  sellers,
  type EventEffect,
  type EventKind,
  type OrderStatus,
} from "@/lib/db/schema";
import { latestAttempt, resumableUrl } from "@/lib/payments/attempts";
import { findShortfalls, orderLines, type StockShortfall } from "@/lib/stock/reservations";

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * One step of the shopper's timeline. `event` is a message key under shop.order.timeline;
 * `source` says who told us (DOKU's notification or our status check), for the events DOKU reports.
 */
export interface TimelineEntry {
  at: Date;
  event: "placed" | EventEffect;
  source: "notification" | "check" | "shop" | null;
  tone: "neutral" | "good" | "bad";
}

export interface ShopperOrder {
  id: number;
  token: string;
  status: OrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  customer: { firstName: string; lastName: string | null; email: string; phone: string };
  shippingAddress: (typeof orders.$inferSelect)["shippingAddress"];
  /**
   * `name`: the snapshot written when the order was placed. `sellerName`: for a shipping line, the
   * seller it pays (the page words the line in the shopper's language); null when unknown.
   */
  items: {
    kind: "product" | "shipping";
    name: string;
    sellerName: string | null;
    unitPrice: number;
    quantity: number;
    lineTotal: number;
  }[];
  subtotal: number;
  shippingTotal: number;
  total: number;
  /** The newest attempt, as far as the shopper needs it. */
  payment: {
    status: (typeof paymentAttempts.$inferSelect)["status"];
    /** Only while the Kredivo link can still be used. */
    resumeUrl: string | null;
    expiresAt: Date | null;
    startFailed: boolean;
  } | null;
  timeline: TimelineEntry[];
  /**
   * For a failed or expired order, whose units went back on sale: the products with too few units
   * left to pay it again (pay again would answer `soldOut`). Empty otherwise.
   */
  stockShort: StockShortfall[];
  /** Paid, refunded and net: the sum of completed refunds, and the refunds still being made. */
  refundedTotal: number;
  refunds: { amount: number; state: "requested" | "completed" }[];
}

/** The timeline reads each event's `effect`, written from the typed result that caused it. */
function describeEvent(
  kind: EventKind,
  effect: EventEffect | null,
): Omit<TimelineEntry, "at"> | null {
  const source = kind === "notification" ? "notification" : "check";
  switch (effect) {
    case null:
      return null;
    case "payment_started":
      return { event: effect, source: null, tone: "neutral" };
    case "payment_not_started":
      return { event: effect, source: null, tone: "bad" };
    case "paid":
      return { event: effect, source, tone: "good" };
    case "failed":
    case "expired":
      return { event: effect, source, tone: "bad" };
    case "refunded":
      return { event: effect, source, tone: "neutral" };
    case "cancelled":
      // The shopper's own "Back to cart", or the shop cancelling the unpaid order (lib/orders/cancel.ts).
      return { event: effect, source: kind === "staff_cancel" ? "shop" : null, tone: "neutral" };
  }
}

export async function findShopperOrder(token: string): Promise<ShopperOrder | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const found = await run(async (db) => {
    const [order] = await db.select().from(orders).where(eq(orders.publicToken, token));
    if (!order) return null;
    const items = await db
      .select({
        kind: orderItems.kind,
        name: orderItems.name,
        sellerName: sellers.name,
        unitPrice: orderItems.unitPrice,
        quantity: orderItems.quantity,
        lineTotal: orderItems.lineTotal,
      })
      .from(orderItems)
      .leftJoin(sellers, eq(sellers.id, orderItems.sellerId))
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.id));
    const latest = await latestAttempt(db, order.id);
    const events = await db
      .select({
        kind: paymentEvents.kind,
        effect: paymentEvents.effect,
        at: paymentEvents.createdAt,
      })
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, order.id))
      .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id));
    const released =
      (order.status === "failed" || order.status === "expired") && order.stockState === "released";
    const stockShort = released ? await findShortfalls(db, await orderLines(db, order.id)) : [];
    const refundRows = await db
      .select({ amount: refunds.amount, state: refunds.state })
      .from(refunds)
      .where(eq(refunds.orderId, order.id))
      .orderBy(asc(refunds.id));
    return { order, items, latest, events, stockShort, refundRows };
  });
  if (!found) return null;
  const { order, items, latest, events, stockShort, refundRows } = found;

  const timeline: TimelineEntry[] = [
    { at: order.createdAt, event: "placed", source: null, tone: "neutral" },
  ];
  for (const e of events) {
    const entry = describeEvent(e.kind, e.effect);
    if (entry) timeline.push({ at: e.at, ...entry });
  }

  return {
    id: order.id,
    token: order.publicToken,
    status: order.status,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    customer: {
      firstName: order.customerFirstName,
      lastName: order.customerLastName,
      email: order.customerEmail,
      phone: order.customerPhone,
    },
    shippingAddress: order.shippingAddress,
    items,
    subtotal: order.subtotal,
    shippingTotal: order.shippingTotal,
    total: order.total,
    payment: latest
      ? {
          status: latest.status,
          resumeUrl: resumableUrl(latest),
          expiresAt: latest.expiresAt,
          startFailed: latest.status === "rejected",
        }
      : null,
    timeline,
    stockShort,
    refundedTotal: order.refundedTotal,
    refunds: refundRows,
  };
}

/**
 * Only the order's status, for its page's poll while it awaits Kredivo (app/api/orders/[token]/status):
 * one indexed read, where a re-render of the page reads the whole order.
 */
export async function shopperOrderStatus(token: string): Promise<OrderStatus | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await run((db) =>
    db.select({ status: orders.status }).from(orders).where(eq(orders.publicToken, token)),
  );
  return row?.status ?? null;
}

/**
 * The attempt the shopper's return should ask DOKU about: the newest, if still pending. The
 * return URL is public, so checkAttemptStatus's claim keeps a storm of reloads to one DOKU call.
 */
export async function pendingAttemptForToken(
  token: string,
): Promise<{ attemptId: number; createdAt: Date } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const latest = await run(async (db) => {
    const [order] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.publicToken, token));
    return order ? latestAttempt(db, order.id) : undefined;
  });
  if (latest?.status !== "pending") return null;
  return { attemptId: latest.id, createdAt: latest.createdAt };
}
