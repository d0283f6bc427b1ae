// "Pay again" from the order page: a failed or expired order gets a new attempt with a new
// invoice number, once its units are reserved again; a live attempt is reused rather than doubled.
import "server-only";
import { eq } from "drizzle-orm";
import { run, transaction } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { insertAttempt, latestAttempt, resumableUrl } from "@/lib/payments/attempts";
import { startPayment } from "@/lib/payments/start-payment";
import { reopenForNewAttempt } from "@/lib/payments/transitions";
import {
  NotEnoughStock,
  orNotEnoughStock,
  retakeOrder,
  type StockShortfall,
} from "@/lib/stock/reservations";
import { takeAttemptSlot } from "./attempt-limits";
import { hasRoomForHold, orderLinesOverLimit, type OverLimitLine } from "./open-holds";
import { orderPath } from "./place-order";

export type PayAgainResult =
  | { kind: "redirect"; url: string }
  | { kind: "limited"; retryAfterMs: number }
  /** The shopper already has `limit` other unpaid orders holding units (./open-holds.ts). */
  | { kind: "openOrders"; limit: number }
  /** A line is above its product's most per order, set since the order was placed. */
  | { kind: "maxPerOrder"; items: OverLimitLine[] }
  /** Some of the order's units sold while it was unpaid: nothing changed, the order stays as it was. */
  | { kind: "soldOut"; items: StockShortfall[] };

/** Thrown inside the reopen's transaction so that a limited click leaves the order as it was. */
class AttemptLimited extends Error {
  override name = "AttemptLimited";
  constructor(readonly retryAfterMs: number) {
    super(`payment attempt limit: retry after ${retryAfterMs} ms`);
  }
}

/** Thrown inside the reopen's transaction when the shopper holds enough elsewhere already. */
class TooManyOpenOrders extends Error {
  override name = "TooManyOpenOrders";
  constructor(readonly limit: number) {
    super(`open orders limit: ${limit}`);
  }
}

/** Thrown inside the reopen's transaction when the order holds more than a product now allows. */
class OverLimit extends Error {
  override name = "OverLimit";
  constructor(readonly items: OverLimitLine[]) {
    super(
      `over the most per order: ${items.map((i) => `product ${i.productId} ${i.wanted} > ${i.max}`).join("; ")}`,
    );
  }
}

/** `address`: the client's, when trusted proxies give one; the order's cart is limited too. */
export async function payAgain(
  token: string,
  address: string | null = null,
): Promise<PayAgainResult | null> {
  const found = await run(async (db) => {
    const [order] = await db.select().from(orders).where(eq(orders.publicToken, token));
    return order ? { order, latest: await latestAttempt(db, order.id) } : null;
  });
  if (!found) return null;
  const { order, latest } = found;

  const redirect = (url: string): PayAgainResult => ({ kind: "redirect", url });
  if (order.status === "pending") return redirect(resumableUrl(latest) ?? orderPath(token));
  if (order.status !== "failed" && order.status !== "expired") return redirect(orderPath(token));

  const openOrdersLimit = env().MAX_OPEN_ORDERS_PER_SHOPPER;
  // Short of units, or over a limit, the whole transaction rolls back: the order stays failed.
  const started = await orNotEnoughStock(
    transaction(async (tx) => {
      // Two clicks race here: the conditional reopen lets exactly one of them add an attempt, and
      // only that one takes a slot of the attempt limits.
      if (!(await reopenForNewAttempt(tx, order.id))) return { attemptId: null };
      const holder = { email: order.customerEmail, phone: order.customerPhone, address };
      if (!(await hasRoomForHold(tx, holder, openOrdersLimit, order.id)))
        throw new TooManyOpenOrders(openOrdersLimit);
      const overLimit = await orderLinesOverLimit(tx, order.id);
      if (overLimit.length > 0) throw new OverLimit(overLimit);
      const slot = await takeAttemptSlot(tx, { cartId: order.cartId, address });
      if (!slot.ok) throw new AttemptLimited(slot.retryAfterMs);
      const units = await retakeOrder(tx, order.id, "reserved");
      if (units.kind === "short") throw new NotEnoughStock(units.short);
      return { attemptId: await insertAttempt(tx, order.id, order.total) };
    }),
  ).catch((error: unknown) => {
    if (
      error instanceof AttemptLimited ||
      error instanceof TooManyOpenOrders ||
      error instanceof OverLimit
    )
      return error;
    throw error;
  });
  if (started instanceof NotEnoughStock) return { kind: "soldOut", items: started.items };
  if (started instanceof AttemptLimited)
    return { kind: "limited", retryAfterMs: started.retryAfterMs };
  if (started instanceof TooManyOpenOrders) return { kind: "openOrders", limit: started.limit };
  if (started instanceof OverLimit) return { kind: "maxPerOrder", items: started.items };
  if (started.attemptId === null) return redirect(orderPath(token));
  const payment = await startPayment(started.attemptId);
  return redirect(payment.ok ? payment.paymentUrl : orderPath(token));
}
