"use server";

// Parse nothing here: placeOrder validates with the same checkoutSchema the form uses, reprices
// the cart from the database and answers where to go. redirect() stays outside any try/catch.
// What goes back to the form: field errors as message keys (the form words them, as it does its
// own checks) and the problem's code with its message already in the shopper's language.
import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { readCartId } from "@/lib/cart/cookie";
import { refreshCartCount } from "@/lib/cart/count-cookie";
import { placeOrder, type PlaceOrderActionResult } from "@/lib/checkout/place-order";
import { wordedProblem } from "@/lib/checkout/problem-text";
import { requestAddress } from "@/lib/limits/request-address";

export async function placeOrderAction(
  values: unknown,
  checkoutKey: unknown,
): Promise<PlaceOrderActionResult> {
  const result = await placeOrder(
    values,
    await readCartId(),
    checkoutKey,
    await requestAddress(),
    await getLocale(),
  );
  if (result.kind === "redirect") {
    // The order took the cart's contents: the badge goes back to what the cart now holds.
    await refreshCartCount();
    redirect(result.url);
  }
  if (result.kind === "invalid")
    return { fieldErrors: result.fieldErrors, problem: await wordedProblem({ code: "invalid" }) };
  return { problem: await wordedProblem(result.problem) };
}
