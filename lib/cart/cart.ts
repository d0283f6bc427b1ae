// The cart lives in the database; the browser only holds its random id (see cookie.ts).
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { activeProductsByIds } from "@/lib/catalog/products";
import { run, transaction, type Tx } from "@/lib/db/client";
import { cartItems, carts, dialect, orderItems, products } from "@/lib/db/schema";
import type { StockShortfall } from "@/lib/stock/levels";
import { MAX_QUANTITY } from "./limits";
import { priceCart, type PricedCart, type PricedLine } from "./pricing";
import type { CartProblem } from "./problems";

/** A refused cart change; `problem` is what the shopper is told (the message is only for logs). */
export class CartError extends Error {
  override name = "CartError";
  constructor(readonly problem: CartProblem) {
    super(`cart: ${problem.code}`);
  }
}

/**
 * What the cart's server actions answer the product page's and the cart page's forms: a refusal
 * already in the shopper's language (./problem-text.ts), and for add-to-cart the quantity the
 * shopper asked for, so the field keeps it.
 */
export type AddToCartState = { error?: string; quantity?: number };
export type CartLineState = { error?: string; ok?: boolean };

/**
 * A priced line, its product's units available right now (placing the order reserves them) and
 * the most one order may hold (null: only the cart's own bound).
 */
export interface CartLine extends PricedLine {
  stock: number;
  maxPerOrder: number | null;
}

export interface CartView extends PricedCart {
  lines: CartLine[];
  /** Products that were in the cart but are no longer sold; they are never priced or ordered. */
  unavailable: string[];
  /** Lines asking for more than is left: placing the order would be refused until they change. */
  short: StockShortfall[];
}

/** 256 random bits, base64url: unguessable, and cheap to reject when malformed. */
export function newCartId(): string {
  return randomBytes(32).toString("base64url");
}

export const CART_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** How long a cart lives after its last change: its cookie's lifetime, and then it is pruned. */
export const CART_LIFETIME_S = 60 * 60 * 24 * 30;
// Bounds one run's transaction after a sale left many carts; the next run takes the next batch.
export const CART_PRUNE_BATCH = 1_000;

/**
 * Deletes up to CART_PRUNE_BATCH carts (their items go with them) whose cookie has expired. Orders
 * keep their own copy of the lines; their cart_id is a plain reference that may outlive the cart.
 */
export async function pruneExpiredCarts(tx: Tx, now: Date): Promise<number> {
  const expired = tx
    .select({ id: carts.id })
    .from(carts)
    .where(lt(carts.updatedAt, new Date(now.getTime() - CART_LIFETIME_S * 1000)))
    .limit(CART_PRUNE_BATCH);
  const removed = await tx
    .delete(carts)
    .where(inArray(carts.id, expired))
    .returning({ id: carts.id });
  return removed.length;
}

export async function cartExists(cartId: string): Promise<boolean> {
  const [cart] = await run((db) =>
    db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).limit(1),
  );
  return !!cart;
}

export async function loadCart(cartId: string | null): Promise<CartView> {
  const empty: CartView = { ...priceCart([]), lines: [], unavailable: [], short: [] };
  if (!cartId) return empty;
  // One turn for both reads, so the lines and their products are read together.
  const { rows, active } = await run(async (db) => {
    const rows = await db
      .select({ productId: cartItems.productId, quantity: cartItems.quantity, name: products.name })
      .from(cartItems)
      .innerJoin(products, eq(products.id, cartItems.productId))
      .where(eq(cartItems.cartId, cartId))
      .orderBy(cartItems.addedAt, cartItems.productId);
    const active = new Map(
      (
        await activeProductsByIds(
          db,
          rows.map((r) => r.productId),
        )
      ).map((p) => [p.id, p]),
    );
    return { rows, active };
  });
  if (rows.length === 0) return empty;
  const items = rows.flatMap((r) => {
    const product = active.get(r.productId);
    return product ? [{ product, quantity: r.quantity }] : [];
  });
  const priced = priceCart(items);
  // priceCart keeps the items' order, so each line's product is items[i].product.
  const lines = priced.lines.map((line, i) => ({
    ...line,
    stock: items[i]!.product.stock,
    maxPerOrder: items[i]!.product.maxPerOrder,
  }));
  return {
    ...priced,
    lines,
    unavailable: rows.filter((r) => !active.has(r.productId)).map((r) => r.name),
    short: lines
      .filter((l) => l.quantity > l.stock)
      .map((l) => ({
        productId: l.product.id,
        name: l.product.name,
        wanted: l.quantity,
        left: Math.max(0, l.stock),
      })),
  };
}

/** The refusal when `wanted` is above the product's own most per order; `inCart`: what the line holds now. */
function overMaxPerOrder(
  product: { maxPerOrder: number | null },
  wanted: number,
  inCart: number,
): CartProblem | null {
  const max = product.maxPerOrder;
  if (max === null || wanted <= max) return null;
  return inCart > 0 ? { code: "maxPerOrderInCart", max, inCart } : { code: "maxPerOrder", max };
}

/** Why a line may not hold `wanted` of a product with `stock` left; `inCart`: what it holds now. */
function stockProblem(stock: number, inCart: number): CartProblem {
  if (stock <= 0) return { code: "soldOut" };
  return inCart > 0
    ? { code: "stockLimitInCart", left: stock, inCart }
    : { code: "stockLimit", left: stock };
}

async function requireActiveProduct(db: Tx, productId: number) {
  const [product] = await activeProductsByIds(db, [productId]);
  if (!product) throw new CartError({ code: "productUnavailable" });
  return product;
}

/**
 * The cart `cartId` names when it exists, else a new one: the id to keep either way. Its callers
 * write the cookie again, so the cart's age starts again too (lib/payments/prune-noise.ts).
 */
async function existingOrNewCart(tx: Tx, cartId: string | null): Promise<string> {
  const [found] = cartId
    ? await tx
        .update(carts)
        .set({ updatedAt: new Date() })
        .where(eq(carts.id, cartId))
        .returning({ id: carts.id })
    : [];
  if (found) return found.id;
  const id = newCartId();
  await tx.insert(carts).values({ id });
  return id;
}

/** Adds to the line (creating the cart when needed) and returns the cart id to keep. */
export function addToCart(
  cartId: string | null,
  productId: number,
  quantity: number,
): Promise<string> {
  return transaction(async (tx) => {
    const product = await requireActiveProduct(tx, productId);
    const id = await existingOrNewCart(tx, cartId);
    const [current] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, id), eq(cartItems.productId, productId)))
      .limit(1);
    const next = (current?.quantity ?? 0) + quantity;
    const perOrder = overMaxPerOrder(product, next, current?.quantity ?? 0);
    if (perOrder) throw new CartError(perOrder);
    if (next > MAX_QUANTITY) {
      throw new CartError(
        current
          ? { code: "quantityMaxInCart", max: MAX_QUANTITY, inCart: current.quantity }
          : { code: "quantityMax", max: MAX_QUANTITY },
      );
    }
    // Advisory: placing the order reserves the units, and refuses if they went meanwhile.
    if (next > product.stock)
      throw new CartError(stockProblem(product.stock, current?.quantity ?? 0));
    await tx
      .insert(cartItems)
      .values({ cartId: id, productId, quantity: next })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.productId],
        set: { quantity: next },
      });
    return id;
  });
}

export async function setCartQuantity(
  cartId: string,
  productId: number,
  quantity: number,
): Promise<void> {
  const changed = await run(async (db) => {
    const product = await requireActiveProduct(db, productId);
    const perOrder = overMaxPerOrder(product, quantity, 0);
    if (perOrder) throw new CartError(perOrder);
    if (quantity > product.stock) throw new CartError(stockProblem(product.stock, 0));
    return db
      .update(cartItems)
      .set({ quantity })
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
      .returning({ productId: cartItems.productId });
  });
  if (changed.length === 0) throw new CartError({ code: "notInCart" });
}

export async function removeFromCart(cartId: string, productId: number): Promise<void> {
  await run((db) =>
    db
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId))),
  );
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
 * itself stays as it is; cancel it first, lib/payments/shopper-cancel.ts, so its units count as
 * left). Returns the cart id to keep. Inactive and sold-out products are skipped, and a line
 * holds no more than is left, so the cart never starts with a line placement would refuse.
 */
export function restoreCartFromOrder(orderId: number, cartId: string | null): Promise<string> {
  return transaction(async (tx) => {
    const items = await tx
      .select({ productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, orderId), eq(orderItems.kind, "product")));
    const active = new Map(
      (
        await activeProductsByIds(
          tx,
          items.flatMap((i) => (i.productId ? [i.productId] : [])),
        )
      ).map((p) => [p.id, p]),
    );
    const id = await existingOrNewCart(tx, cartId);
    for (const item of items) {
      const product = item.productId ? active.get(item.productId) : undefined;
      const most = Math.min(
        MAX_QUANTITY,
        product?.maxPerOrder ?? MAX_QUANTITY,
        product?.stock ?? 0,
      );
      if (!product || most < 1) continue;
      await tx
        .insert(cartItems)
        .values({ cartId: id, productId: product.id, quantity: Math.min(item.quantity, most) })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.productId],
          // Both bounds are integers this code computed, never input: safe to write as literals.
          set: {
            quantity: sql`${smallerOf}(${sql.raw(String(most))}, ${cartItems.quantity} + excluded.quantity)`,
          },
        });
    }
    return id;
  });
}
