"use server";

// Order page actions. The order is always found by its token on the server; no order id ever
// comes from the browser. redirect()/notFound() stay outside any try/catch.
import { notFound, redirect } from "next/navigation";
import { restoreCartFromOrder } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookie";
import { refreshCartCount } from "@/lib/cart/count-cookie";
import { payAgain } from "@/lib/checkout/pay-again";
import { requestAddress } from "@/lib/limits/request-address";
import { findShopperOrder, TOKEN_PATTERN } from "@/lib/orders/queries";
import { cancelByShopper } from "@/lib/payments/shopper-cancel";

function tokenFrom(formData: FormData): string {
  const token = formData.get("token");
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) notFound();
  return token;
}

export async function payAgainAction(formData: FormData): Promise<void> {
  const token = tokenFrom(formData);
  const result = await payAgain(token, await requestAddress());
  if (!result) notFound();
  // The order page says which item sold out (it reads the same shortfall), or explains the limit
  // (a number of minutes or of orders, nothing else, travels in the URL).
  if (result.kind === "soldOut") redirect(`/orders/${token}`);
  if (result.kind === "limited")
    redirect(`/orders/${token}?retry_in=${Math.max(1, Math.ceil(result.retryAfterMs / 60_000))}`);
  if (result.kind === "openOrders") redirect(`/orders/${token}?open_orders=${result.limit}`);
  if (result.kind === "maxPerOrder") redirect(`/orders/${token}?over_limit=1`);
  redirect(result.url);
}

export async function backToCartAction(formData: FormData): Promise<void> {
  const token = tokenFrom(formData);
  const order = await findShopperOrder(token);
  if (!order) notFound();
  // A paid order is done: nothing to put back, show it instead.
  if (order.status === "paid" || order.status === "refunded") redirect(`/orders/${token}`);
  // The shopper left Kredivo to change the cart: the order gives its units back before its
  // products go back into a cart (a late payment still wins; lib/payments/shopper-cancel.ts).
  await cancelByShopper(order.id);
  const cartId = await restoreCartFromOrder(order.id, await readCartId());
  await writeCartId(cartId);
  await refreshCartCount(cartId);
  redirect("/cart");
}
