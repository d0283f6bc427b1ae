"use server";
// Thin cart actions: parse with the shared limits, call lib/cart, redirect or revalidate.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addToCart, CartError, removeFromCart, setCartQuantity, type AddToCartState, type CartLineState } from "@/lib/cart/cart";
import { readCartId, writeCartId } from "@/lib/cart/cookie";
import { productIdSchema, quantitySchema } from "@/lib/cart/limits";

const UNKNOWN_PRODUCT = "This product is no longer available.";

function parseLine(formData: FormData, withQuantity: boolean) {
  const productId = productIdSchema.safeParse(formData.get("productId"));
  if (!productId.success) return { error: UNKNOWN_PRODUCT } as const;
  if (!withQuantity) return { productId: productId.data, quantity: 0 } as const;
  const quantity = quantitySchema.safeParse(formData.get("quantity"));
  if (!quantity.success) return { error: quantity.error.issues[0]?.message ?? "Enter a quantity" } as const;
  return { productId: productId.data, quantity: quantity.data } as const;
}

function cartErrorMessage(error: unknown): string {
  if (error instanceof CartError) return error.message;
  throw error;
}

export async function addToCartAction(_prev: AddToCartState, formData: FormData): Promise<AddToCartState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: line.error };
  let cartId: string;
  try {
    cartId = await addToCart(await readCartId(), line.productId, line.quantity);
  } catch (error) {
    return { error: cartErrorMessage(error) };
  }
  await writeCartId(cartId);
  redirect("/cart");
}

export async function updateQuantityAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, true);
  if ("error" in line) return { error: line.error };
  const cartId = await readCartId();
  if (!cartId) return { error: "That item is no longer in your cart." };
  try {
    await setCartQuantity(cartId, line.productId, line.quantity);
  } catch (error) {
    return { error: cartErrorMessage(error) };
  }
  revalidatePath("/cart");
  return { ok: true };
}

export async function removeFromCartAction(formData: FormData): Promise<CartLineState> {
  const line = parseLine(formData, false);
  if ("error" in line) return { error: "That item is no longer in your cart." };
  const cartId = await readCartId();
  if (cartId) await removeFromCart(cartId, line.productId);
  revalidatePath("/cart");
  return { ok: true };
}
