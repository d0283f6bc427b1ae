// A product's stock by hand (`npm run stock`), until the back office manages products. Free of
// `server-only` and given the database, so the script opens it exactly as the app does.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connection";
import { orderItems, orders, products } from "@/lib/db/schema";

export interface StockRow {
  slug: string;
  name: string;
  active: boolean;
  /** Units available to reserve right now. */
  stock: number;
  /** Units unpaid orders hold: back on sale if they fail or expire, sold if they are paid. */
  held: number;
  /** The most one order may hold; null: no bound of the product's own. */
  maxPerOrder: number | null;
}

export function listStock(database: Database): Promise<StockRow[]> {
  return database.run(async (db) => {
    // PostgreSQL's sum() of integers is a bigint, which node-postgres hands over as a string.
    const held = db
      .select({
        productId: orderItems.productId,
        held: sql<number>`sum(${orderItems.quantity})`.as("held"),
      })
      .from(orderItems)
      .innerJoin(orders, and(eq(orders.id, orderItems.orderId), eq(orders.stockState, "reserved")))
      .groupBy(orderItems.productId)
      .as("held");
    const rows = await db
      .select({
        slug: products.slug,
        name: products.name,
        active: products.active,
        stock: products.stock,
        held: held.held,
        maxPerOrder: products.maxPerOrder,
      })
      .from(products)
      .leftJoin(held, eq(held.productId, products.id))
      .orderBy(asc(products.id));
    return rows.map((r) => ({ ...r, held: Number(r.held ?? 0) }));
  });
}

/** Sets the units available to reserve now (not counting what unpaid orders hold); null for an unknown slug. */
export async function setStock(
  database: Database,
  slug: string,
  count: number,
): Promise<{ before: number; after: number } | null> {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`stock must be a whole number of units, at least 0 (got ${count})`);
  return database.transaction(async (tx) => {
    const [product] = await tx
      .select({ id: products.id, stock: products.stock })
      .from(products)
      .where(eq(products.slug, slug));
    if (!product) return null;
    const [after] = await tx
      .update(products)
      .set({ stock: count })
      .where(eq(products.id, product.id))
      .returning({ stock: products.stock });
    return { before: product.stock, after: after!.stock };
  });
}

/** Sets the most units one order may hold (null: no bound of its own); null for an unknown slug. */
export async function setMaxPerOrder(
  database: Database,
  slug: string,
  max: number | null,
): Promise<{ before: number | null; after: number | null } | null> {
  if (max !== null && (!Number.isInteger(max) || max < 1))
    throw new RangeError(`the most per order must be a whole number, at least 1 (got ${max})`);
  return database.transaction(async (tx) => {
    const [product] = await tx
      .select({ id: products.id, max: products.maxPerOrder })
      .from(products)
      .where(eq(products.slug, slug));
    if (!product) return null;
    await tx.update(products).set({ maxPerOrder: max }).where(eq(products.id, product.id));
    return { before: product.max, after: max };
  });
}
