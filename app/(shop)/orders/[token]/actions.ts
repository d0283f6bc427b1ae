"use server";
// Order page actions. The order is always found by its token on the server; no order id ever
// comes from the browser. redirect()/notFound() stay outside any try/catch.
import { notFound, redirect } from "next/navigation";
import { restoreCartFromOrder } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookie";
import { payAgain } from "@/lib/checkout/pay-again";
import { findShopperOrder, TOKEN_PATTERN } from "@/lib/orders/queries";

function tokenFrom(formData: FormData): string {
  const token = formData.get("token");
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) notFound();
  return token;
}

export async function payAgainAction(formData: FormData): Promise<void> {
  const result = await payAgain(tokenFrom(formData));
  if (!result) notFound();
  redirect(result.url);
}

export async function backToCartAction(formData: FormData): Promise<void> {
  const token = tokenFrom(formData);
  const order = findShopperOrder(token);
  if (!order) notFound();
  // A paid order is done: nothing to put back, show it instead.
  if (order.status === "paid" || order.status === "refunded") redirect(`/orders/${token}`);
  const cartId = restoreCartFromOrder(order.id, await readCartId());
  await writeCartId(cartId);
  redirect("/cart");
}
