// placeOrder: validate, reprice every line from the database, save the order, reserve its units,
// its item snapshot and a payment attempt in one transaction, then ask DOKU for a Kredivo payment URL.
import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { loadCart } from "@/lib/cart/cart";
import { run, transaction, type Tx } from "@/lib/db/client";
import { cartItems, orderItems, orders, type PostalAddress } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { mailboxKey } from "@/lib/limits/mailbox";
import { metrics } from "@/lib/observability/metrics";
import { annotate, inSpan } from "@/lib/observability/tracing";
import { insertAttempt, latestAttempt, resumableUrl } from "@/lib/payments/attempts";
import { startPayment } from "@/lib/payments/start-payment";
import {
  NotEnoughStock,
  orNotEnoughStock,
  reserveLines,
  type StockShortfall,
} from "@/lib/stock/reservations";
import { retryMinutes, takeAttemptSlot } from "./attempt-limits";
import { isValidCheckoutKey } from "./checkout-key";
import { hasRoomForHold, linesOverLimit, type OverLimitLine } from "./open-holds";
import { orderItemRows } from "./order-items";
import {
  checkoutSchema,
  fieldErrors,
  type CheckoutDetails,
  type CheckoutFieldErrors,
} from "./schema";

/**
 * Why an order was not placed, as data: each code is a message key under shop.checkout.problem
 * (messages/<locale>/shop.json), the other fields its values. The action puts it into the
 * shopper's words (./problem-text.ts); `invalid` says some fields need fixing.
 */
export type CheckoutProblem =
  | { code: "expiredForm" }
  | { code: "cartEmpty" }
  | { code: "tooManyAttempts"; minutes: number }
  /** Too few units left for these lines (`left` 0: sold out); the form names each one. */
  | { code: "soldOut"; items: StockShortfall[] }
  /** Lines above their product's most per order; the form names each one and its bound. */
  | { code: "maxPerOrder"; items: OverLimitLine[] }
  /** The shopper already has `limit` unpaid orders holding units (./open-holds.ts). */
  | { code: "tooManyOpenOrders"; limit: number }
  | { code: "invalid" };

export type PlaceOrderResult =
  | { kind: "redirect"; url: string }
  | { kind: "invalid"; fieldErrors: CheckoutFieldErrors }
  | { kind: "error"; problem: CheckoutProblem };

/**
 * What the checkout form gets back from placeOrderAction when it does not redirect: field errors
 * as message keys (the form has their words, for its own checks too), and the problem's code with
 * its message in the shopper's words (the form shows the message; the code is for whoever reads
 * the response, such as bench/flash-measure.ts).
 */
export type PlaceOrderActionResult = { fieldErrors?: CheckoutFieldErrors; problem?: WordedProblem };
export type WordedProblem = { code: CheckoutProblem["code"] | "network"; message: string };

const EXPIRED_FORM: PlaceOrderResult = { kind: "error", problem: { code: "expiredForm" } };

/** 192 random bits: the order's only identifier in shopper URLs. */
export function newPublicToken(): string {
  return randomBytes(24).toString("base64url");
}

export const orderPath = (token: string) => `/orders/${token}`;

function addresses(details: CheckoutDetails): { shipping: PostalAddress; billing: PostalAddress } {
  const shipping: PostalAddress = {
    firstName: details.firstName,
    ...(details.lastName ? { lastName: details.lastName } : {}),
    address: details.shipping.address,
    city: details.shipping.city,
    postalCode: details.shipping.postalCode,
    phone: details.shipping.phone,
    countryCode: "IDN",
  };
  const b = details.billing;
  const billing: PostalAddress = b
    ? {
        firstName: b.firstName,
        ...(b.lastName ? { lastName: b.lastName } : {}),
        address: b.address,
        city: b.city,
        postalCode: b.postalCode,
        phone: b.phone,
        countryCode: "IDN",
      }
    : shipping;
  return { shipping, billing };
}

/**
 * Where a repeated submit of the same checkout form should go: never to a second order. A key
 * posted from another cart (someone else's form) is refused, never answered with their order.
 */
function existingOrderDestination(
  checkoutKey: string,
  cartId: string | null,
): Promise<string | null | "foreign"> {
  return run(async (db) => {
    const order = await orderWithCheckoutKey(db, checkoutKey);
    if (!order) return null;
    if (!cartId || order.cartId !== cartId) return "foreign";
    return resumableUrl(await latestAttempt(db, order.id)) ?? orderPath(order.token);
  });
}

async function orderWithCheckoutKey(db: Tx, checkoutKey: string) {
  const [order] = await db
    .select({ id: orders.id, token: orders.publicToken, cartId: orders.cartId })
    .from(orders)
    .where(eq(orders.checkoutKey, checkoutKey));
  return order;
}

/** Thrown inside the placement when an identical submit inserted the order first. */
class LostSubmitRace extends Error {
  override name = "LostSubmitRace";
}

/** `address`: the client's, when trusted proxies give one (lib/limits/client-address.ts). */
export function placeOrder(
  input: unknown,
  cartId: string | null,
  checkoutKey: unknown,
  address: string | null = null,
  /** The language the shopper checks out in: their emails are written in it. */
  locale: Locale = defaultLocale,
): Promise<PlaceOrderResult> {
  // One span for the placement; DOKU's generate-order is its child (lib/doku/observe.ts).
  return inSpan("checkout.place_order", { "shop.locale": locale }, async (span) => {
    const result = await place(input, cartId, checkoutKey, address, locale);
    span.setAttribute(
      "checkout.result",
      result.kind === "error" ? `error:${result.problem.code}` : result.kind,
    );
    return result;
  });
}

async function place(
  input: unknown,
  cartId: string | null,
  checkoutKey: unknown,
  address: string | null,
  locale: Locale,
): Promise<PlaceOrderResult> {
  // Only a key this server issued for this cart: a made-up one would be a fresh order each time.
  if (!isValidCheckoutKey(checkoutKey, cartId)) return EXPIRED_FORM;
  const parsed = checkoutSchema.safeParse(input);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrors(parsed.error) };

  const already = await existingOrderDestination(checkoutKey, cartId);
  if (already === "foreign") return EXPIRED_FORM;
  if (already) return { kind: "redirect", url: already };

  // Lines whose product is no longer sold are shown as such on the cart and checkout pages and
  // are left out of the order; the rest is repriced from the catalogue, never from the browser.
  const cart = await loadCart(cartId);
  if (!cartId || cart.lines.length === 0) {
    // An identical submit may have placed the order (and emptied the cart) since the look above.
    const placed = await existingOrderDestination(checkoutKey, cartId);
    if (placed === "foreign") return EXPIRED_FORM;
    return placed
      ? { kind: "redirect", url: placed }
      : { kind: "error", problem: { code: "cartEmpty" } };
  }

  // A cart filled before the merchant set a product's most per order is refused here, not trimmed.
  const overLimit = linesOverLimit(cart.lines);
  if (overLimit.length > 0)
    return { kind: "error", problem: { code: "maxPerOrder", items: overLimit } };

  const details = parsed.data;
  const { shipping, billing } = addresses(details);
  const openOrdersLimit = env().MAX_OPEN_ORDERS_PER_SHOPPER;
  // The cart was read outside the transaction; the reservation's conditional UPDATEs decide.
  const created = await orNotEnoughStock(
    transaction(async (tx) => {
      const holder = { email: details.email, phone: details.phone, address };
      if (!(await hasRoomForHold(tx, holder, openOrdersLimit))) {
        // The hold that fills the limit may be this very form's, placed by an identical submit.
        if (await orderWithCheckoutKey(tx, checkoutKey)) throw new LostSubmitRace();
        return { ok: false as const, openOrders: openOrdersLimit };
      }
      const slot = await takeAttemptSlot(tx, { cartId, address });
      if (!slot.ok) return slot;
      // The unique checkout key settles a race between two identical submits: one insert wins.
      const [order] = await tx
        .insert(orders)
        .values({
          publicToken: newPublicToken(),
          checkoutKey,
          cartId,
          customerFirstName: details.firstName,
          customerLastName: details.lastName ?? null,
          customerEmail: details.email,
          customerMailbox: mailboxKey(details.email),
          customerPhone: details.phone,
          clientAddress: address,
          locale,
          shippingAddress: shipping,
          billingAddress: billing,
          subtotal: cart.subtotal,
          shippingTotal: cart.shippingTotal,
          total: cart.total,
          // Taken below, in this transaction.
          stockState: "reserved",
        })
        .onConflictDoNothing({ target: orders.checkoutKey })
        .returning({ id: orders.id, token: orders.publicToken });
      // The other submit won: roll back, so this one's slot of the attempt limit is not spent.
      if (!order) throw new LostSubmitRace();
      await tx.insert(orderItems).values(orderItemRows(order.id, cart));
      const attemptId = await insertAttempt(tx, order.id, cart.total);
      // The order now holds the cart's contents; the cart starts again empty.
      await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
      // Last, because in a flash sale every placement updates the same product row: on PostgreSQL
      // its lock is then held from this statement to the commit, not through the ones above.
      const units = await reserveLines(
        tx,
        cart.lines.map((line) => ({ productId: line.product.id, quantity: line.quantity })),
      );
      // Not enough left: nothing of this order is kept, the cart stays as it was.
      if (!units.ok) throw new NotEnoughStock(units.short);
      return { ok: true as const, attemptId, token: order.token };
    }).catch((error: unknown) => {
      if (error instanceof LostSubmitRace) return error;
      throw error;
    }),
  );
  if (created instanceof NotEnoughStock)
    return { kind: "error", problem: { code: "soldOut", items: created.items } };
  if (created instanceof LostSubmitRace) {
    const destination = await existingOrderDestination(checkoutKey, cartId);
    return destination && destination !== "foreign"
      ? { kind: "redirect", url: destination }
      : EXPIRED_FORM;
  }
  if (!created.ok) {
    if ("openOrders" in created)
      return { kind: "error", problem: { code: "tooManyOpenOrders", limit: created.openOrders } };
    return {
      kind: "error",
      problem: { code: "tooManyAttempts", minutes: retryMinutes(created.retryAfterMs) },
    };
  }

  metrics().ordersPlaced.inc();
  annotate({ "payment.attempt_id": created.attemptId, "order.total": cart.total });
  const payment = await startPayment(created.attemptId);
  return { kind: "redirect", url: payment.ok ? payment.paymentUrl : orderPath(created.token) };
}
