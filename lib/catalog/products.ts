import "server-only";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { run, type Tx } from "@/lib/db/client";
import { products, sellers } from "@/lib/db/schema";

export type CatalogProduct = typeof products.$inferSelect & { seller: typeof sellers.$inferSelect };

/** Products matching `where`, each with its seller (one join, in the order asked for). */
async function productsWithSeller(
  db: Tx,
  where: SQL | undefined,
  limit?: number,
): Promise<CatalogProduct[]> {
  const query = db
    .select({ product: products, seller: sellers })
    .from(products)
    .innerJoin(sellers, eq(sellers.id, products.sellerId))
    .where(where)
    .orderBy(asc(products.id));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map(({ product, seller }) => ({ ...product, seller }));
}

export function listActiveProducts(): Promise<CatalogProduct[]> {
  return run((db) => productsWithSeller(db, eq(products.active, true)));
}

export async function findActiveProductBySlug(slug: string): Promise<CatalogProduct | undefined> {
  const [product] = await run((db) =>
    productsWithSeller(db, and(eq(products.slug, slug), eq(products.active, true)), 1),
  );
  return product;
}

/** For a caller that already holds a transaction (or a queue turn): reads through `db`. */
export function activeProductsByIds(db: Tx, ids: number[]): Promise<CatalogProduct[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return productsWithSeller(db, and(inArray(products.id, ids), eq(products.active, true)));
}

export function findActiveProductsByIds(ids: number[]): Promise<CatalogProduct[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return run((db) => activeProductsByIds(db, ids));
}
