"use server";

// Thin cart actions: parse with the shared limits, call lib/cart, redirect or revalidate. A refusal
// is a CartProblem until it leaves here, in the shopper's language (lib/cart/problem-text.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  addToCart,
  CartError,
  removeFromCart,
  setCartQuantity,
  type AddToCartState,
  type CartLineState,
} from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookie";
import { refreshCartCount } from "@/lib/cart/count-cookie";
import { productIdSchema, quantityProblem, quantitySchema } from "@/lib/cart/limits";
import { cartProblemText } from "@/lib/cart/problem-text";
import type { CartProblem } from "@/lib/cart/problems";

type ParsedLine = { error: CartProblem } | { productId: number; quantity: number };

function parseLine(formData: FormData, withQuantity: boolean): ParsedLine {
  const productId = productIdSchema.safeParse(formData.get("productId"));
  if (!productId.success) return { error: { code: "productUnavailable" } };
  if (!withQuantity) return { productId: productId.data, quantity: 0 };
  const quantity = quantitySchema.safeParse(formData.get("quantity"));
  if (!quantity.success) return { error: quantityProblem(quantity.error) };
  return { productId: productId.data, quantity: quantity.data };
}

function refusal(error: unknown): Promise<string> {
  if (error instanceof CartError) return cartProblemText(error.problem);
  throw error;
}

export async function addToCartAction(
  _prev: AddToCartState,
  formData: FormData,
): Promise<AddToCartState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: await cartProblemText(line.error) };
  let cartId: string;
  try {
    cartId = await addToCart(await readCartId(), line.productId, line.quantity);
  } catch (error) {
    return { error: await refusal(error), quantity: line.quantity };
  }
  await writeCartId(cartId);
  await refreshCartCount(cartId);
  redirect("/cart");
}

export async function updateQuantityAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: await cartProblemText(line.error) };
  const cartId = await readCartId();
  if (!cartId) return { error: await cartProblemText({ code: "notInCart" }) };
  try {
    await setCartQuantity(cartId, line.productId, line.quantity);
  } catch (error) {
    return { error: await refusal(error) };
  }
  await refreshCartCount();
  revalidatePath("/cart");
  return { ok: true };
}

export async function removeFromCartAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, false);
  if ("error" in line) return { error: await cartProblemText({ code: "notInCart" }) };
  const cartId = await readCartId();
  if (cartId) await removeFromCart(cartId, line.productId);
  await refreshCartCount();
  revalidatePath("/cart");
  return { ok: true };
}
