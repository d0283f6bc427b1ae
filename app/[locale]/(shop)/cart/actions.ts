"use server";
// Thin cart actions: parse with the shared limits, call lib/cart, redirect or revalidate. Refusals
// travel as CartProblem codes; the forms put them into the shopper's language.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addToCart, CartError, removeFromCart, setCartQuantity, type AddToCartState, type CartLineState } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookie";
import { refreshCartCount } from "@/lib/cart/count-cookie";
import { productIdSchema, quantityProblem, quantitySchema } from "@/lib/cart/limits";
import type { CartProblem } from "@/lib/cart/problems";

function parseLine(formData: FormData, withQuantity: boolean) {
  const productId = productIdSchema.safeParse(formData.get("productId"));
  if (!productId.success) return { error: { code: "productUnavailable" } satisfies CartProblem } as const;
  if (!withQuantity) return { productId: productId.data, quantity: 0 } as const;
  const quantity = quantitySchema.safeParse(formData.get("quantity"));
  if (!quantity.success) return { error: quantityProblem(quantity.error) } as const;
  return { productId: productId.data, quantity: quantity.data } as const;
}

function cartProblem(error: unknown): CartProblem {
  if (error instanceof CartError) return error.problem;
  throw error;
}

export async function addToCartAction(_prev: AddToCartState, formData: FormData): Promise<AddToCartState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: line.error };
  let cartId: string;
  try {
    cartId = await addToCart(await readCartId(), line.productId, line.quantity);
  } catch (error) {
    return { error: cartProblem(error), quantity: line.quantity };
  }
  await writeCartId(cartId);
  await refreshCartCount(cartId);
  redirect("/cart");
}

export async function updateQuantityAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: line.error };
  const cartId = await readCartId();
  if (!cartId) return { error: { code: "notInCart" } };
  try {
    await setCartQuantity(cartId, line.productId, line.quantity);
  } catch (error) {
    return { error: cartProblem(error) };
  }
  await refreshCartCount();
  revalidatePath("/cart");
  return { ok: true };
}

export async function removeFromCartAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, false);
  if ("error" in line) return { error: { code: "notInCart" } };
  const cartId = await readCartId();
  if (cartId) await removeFromCart(cartId, line.productId);
  await refreshCartCount();
  revalidatePath("/cart");
  return { ok: true };
}
