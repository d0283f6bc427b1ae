// The cart lives in the database; the browser only holds its random id (see cookie.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { activeProductsByIds } from "@/lib/catalog/products";
import { run, transaction, type Tx } from "@/lib/db/client";
import { cartItems, carts, dialect, orderItems, products } from "@/lib/db/schema";
import { MAX_QUANTITY } from "./limits";
import { priceCart, type PricedCart } from "./pricing";
import type { CartProblem } from "./problems";

/** A refused cart change; `problem` is what the shopper is told (the message is only for logs). */
export class CartError extends Error {
  override name = "CartError";
  constructor(readonly problem: CartProblem) {
    super(`cart: ${problem.code}`);
  }
}

/** What the cart's server actions answer the product page's and the cart page's forms. */
export type AddToCartState = { error?: CartProblem };
export type CartLineState = { error?: CartProblem; ok?: boolean };

export interface CartView extends PricedCart {
  /** Products that were in the cart but are no longer sold; they are never priced or ordered. */
  unavailable: string[];
}

/** 256 random bits, base64url: unguessable, and cheap to reject when malformed. */
export function newCartId(): string {
  return randomBytes(32).toString("base64url");
}

export const CART_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function cartExists(cartId: string): Promise<boolean> {
  const [cart] = await run((db) => db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).limit(1));
  return !!cart;
}

export async function loadCart(cartId: string | null): Promise<CartView> {
  const empty: CartView = { ...priceCart([]), unavailable: [] };
  if (!cartId) return empty;
  // One turn for both reads, so the lines and their products are read together.
  const { rows, active } = await run(async (db) => {
    const rows = await db
      .select({ productId: cartItems.productId, quantity: cartItems.quantity, name: products.name })
      .from(cartItems)
      .innerJoin(products, eq(products.id, cartItems.productId))
      .where(eq(cartItems.cartId, cartId))
      .orderBy(cartItems.addedAt, cartItems.productId);
    const active = new Map((await activeProductsByIds(db, rows.map((r) => r.productId))).map((p) => [p.id, p]));
    return { rows, active };
  });
  if (rows.length === 0) return empty;
  const items = rows.flatMap((r) => {
    const product = active.get(r.productId);
    return product ? [{ product, quantity: r.quantity }] : [];
  });
  return {
    ...priceCart(items),
    unavailable: rows.filter((r) => !active.has(r.productId)).map((r) => r.name),
  };
}

async function requireActiveProduct(db: Tx, productId: number) {
  const [product] = await activeProductsByIds(db, [productId]);
  if (!product) throw new CartError({ code: "productUnavailable" });
  return product;
}

/** The cart `cartId` names when it exists, else a new one: the id to keep either way. */
async function existingOrNewCart(tx: Tx, cartId: string | null): Promise<string> {
  const [found] = cartId ? await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).limit(1) : [];
  if (found) return found.id;
  const id = newCartId();
  await tx.insert(carts).values({ id });
  return id;
}

/** Adds to the line (creating the cart when needed) and returns the cart id to keep. */
export function addToCart(cartId: string | null, productId: number, quantity: number): Promise<string> {
  return transaction(async (tx) => {
    await requireActiveProduct(tx, productId);
    const id = await existingOrNewCart(tx, cartId);
    const [current] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, id), eq(cartItems.productId, productId)))
      .limit(1);
    const next = (current?.quantity ?? 0) + quantity;
    if (next > MAX_QUANTITY) {
      throw new CartError(
        current
          ? { code: "quantityMaxInCart", max: MAX_QUANTITY, inCart: current.quantity }
          : { code: "quantityMax", max: MAX_QUANTITY },
      );
    }
    await tx
      .insert(cartItems)
      .values({ cartId: id, productId, quantity: next })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId], set: { quantity: next } });
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, id));
    return id;
  });
}

export async function setCartQuantity(cartId: string, productId: number, quantity: number): Promise<void> {
  const changed = await run(async (db) => {
    await requireActiveProduct(db, productId);
    return db
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
      .returning({ productId: cartItems.productId });
  });
  if (changed.length === 0) throw new CartError({ code: "notInCart" });
}

export async function removeFromCart(cartId: string, productId: number): Promise<void> {
  await run((db) => db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId))));
}

export async function cartItemCount(cartId: string | null): Promise<number> {
  if (!cartId) return 0;
  // PostgreSQL's sum() of integers is a bigint, which node-postgres hands over as a string.
  const [row] = await run((db) =>
    db
      .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)`.mapWith(Number) })
      .from(cartItems)
      .innerJoin(products, and(eq(products.id, cartItems.productId), eq(products.active, true)))
      .where(eq(cartItems.cartId, cartId)),
  );
  return row?.n ?? 0;
}

// The smaller of two numbers: SQLite's scalar min(), PostgreSQL's least().
const smallerOf = sql.raw(dialect === "postgresql" ? "least" : "min");

/**
 * "Back to cart" after a cancelled payment: the order's products go back into a cart (the order
 * itself stays as it is). Returns the cart id to keep. Inactive products are skipped.
 */
export function restoreCartFromOrder(orderId: number, cartId: string | null): Promise<string> {
  return transaction(async (tx) => {
    const items = await tx
      .select({ productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, orderId), eq(orderItems.kind, "product")));
    const active = new Set((await activeProductsByIds(tx, items.flatMap((i) => (i.productId ? [i.productId] : [])))).map((p) => p.id));
    const id = await existingOrNewCart(tx, cartId);
    for (const item of items) {
      if (!item.productId || !active.has(item.productId)) continue;
      await tx
        .insert(cartItems)
        .values({ cartId: id, productId: item.productId, quantity: item.quantity })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.productId],
          set: { quantity: sql`${smallerOf}(${sql.raw(String(MAX_QUANTITY))}, ${cartItems.quantity} + excluded.quantity)` },
        });
    }
    return id;
  });
}
