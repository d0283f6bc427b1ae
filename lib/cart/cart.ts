// The cart lives in the database; the browser only holds its random id (see cookie.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { findActiveProductsByIds } from "@/lib/catalog/products";
import { db } from "@/lib/db/client";
import { cartItems, carts, orderItems, products } from "@/lib/db/schema";
import { MAX_QUANTITY } from "./limits";
import { priceCart, type PricedCart } from "./pricing";

export class CartError extends Error {
  override name = "CartError";
}

export interface CartView extends PricedCart {
  /** Products that were in the cart but are no longer sold; they are never priced or ordered. */
  unavailable: string[];
}

/** 256 random bits, base64url: unguessable, and cheap to reject when malformed. */
export function newCartId(): string {
  return randomBytes(32).toString("base64url");
}

export const CART_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function cartExists(cartId: string): boolean {
  return !!db().select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).get();
}

export function loadCart(cartId: string | null): CartView {
  const empty: CartView = { ...priceCart([]), unavailable: [] };
  if (!cartId) return empty;
  const rows = db()
    .select({ productId: cartItems.productId, quantity: cartItems.quantity, name: products.name })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(cartItems.addedAt, cartItems.productId)
    .all();
  if (rows.length === 0) return empty;
  const active = new Map(findActiveProductsByIds(rows.map((r) => r.productId)).map((p) => [p.id, p]));
  const items = rows.flatMap((r) => {
    const product = active.get(r.productId);
    return product ? [{ product, quantity: r.quantity }] : [];
  });
  return {
    ...priceCart(items),
    unavailable: rows.filter((r) => !active.has(r.productId)).map((r) => r.name),
  };
}

function requireActiveProduct(productId: number) {
  const [product] = findActiveProductsByIds([productId]);
  if (!product) throw new CartError("This product is no longer available.");
  return product;
}

/** Adds to the line (creating the cart when needed) and returns the cart id to keep. */
export function addToCart(cartId: string | null, productId: number, quantity: number): string {
  requireActiveProduct(productId);
  return db().transaction((tx) => {
    let id = cartId && tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).get()?.id;
    if (!id) {
      id = newCartId();
      tx.insert(carts).values({ id }).run();
    }
    const current = tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, id), eq(cartItems.productId, productId)))
      .get();
    const next = (current?.quantity ?? 0) + quantity;
    if (next > MAX_QUANTITY) {
      throw new CartError(
        `You can buy at most ${MAX_QUANTITY} of one item${current ? ` (${current.quantity} already in your cart)` : ""}.`,
      );
    }
    tx.insert(cartItems)
      .values({ cartId: id, productId, quantity: next })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId], set: { quantity: next } })
      .run();
    tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, id)).run();
    return id;
  });
}

export function setCartQuantity(cartId: string, productId: number, quantity: number): void {
  requireActiveProduct(productId);
  const result = db()
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
    .run();
  if (result.changes === 0) throw new CartError("That item is no longer in your cart.");
}

export function removeFromCart(cartId: string, productId: number): void {
  db()
    .delete(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
    .run();
}

export function cartItemCount(cartId: string | null): number {
  if (!cartId) return 0;
  const row = db()
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)` })
    .from(cartItems)
    .innerJoin(products, and(eq(products.id, cartItems.productId), eq(products.active, true)))
    .where(eq(cartItems.cartId, cartId))
    .get();
  return row?.n ?? 0;
}

/**
 * "Back to cart" after a cancelled payment: the order's products go back into a cart (the order
 * itself stays as it is). Returns the cart id to keep. Inactive products are skipped.
 */
export function restoreCartFromOrder(orderId: number, cartId: string | null): string {
  const items = db()
    .select({ productId: orderItems.productId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(and(eq(orderItems.orderId, orderId), eq(orderItems.kind, "product")))
    .all();
  const active = new Set(findActiveProductsByIds(items.flatMap((i) => (i.productId ? [i.productId] : []))).map((p) => p.id));
  return db().transaction((tx) => {
    let id = cartId && tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).get()?.id;
    if (!id) {
      id = newCartId();
      tx.insert(carts).values({ id }).run();
    }
    for (const item of items) {
      if (!item.productId || !active.has(item.productId)) continue;
      tx.insert(cartItems)
        .values({ cartId: id, productId: item.productId, quantity: item.quantity })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.productId],
          set: { quantity: sql`min(${MAX_QUANTITY}, ${cartItems.quantity} + excluded.quantity)` },
        })
        .run();
    }
    return id;
  });
}
