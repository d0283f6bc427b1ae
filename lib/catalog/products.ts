import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { products, sellers } from "@/lib/db/schema";

export type CatalogProduct = typeof products.$inferSelect & { seller: typeof sellers.$inferSelect };

const withSeller = { seller: true } as const;

export function listActiveProducts(): CatalogProduct[] {
  return db().query.products.findMany({
    where: eq(products.active, true),
    with: withSeller,
    orderBy: [asc(products.id)],
  }).sync();
}

export function findActiveProductBySlug(slug: string): CatalogProduct | undefined {
  return db().query.products.findFirst({
    where: and(eq(products.slug, slug), eq(products.active, true)),
    with: withSeller,
  }).sync();
}

export function findActiveProductsByIds(ids: number[]): CatalogProduct[] {
  if (ids.length === 0) return [];
  return db().query.products.findMany({
    where: and(inArray(products.id, ids), eq(products.active, true)),
    with: withSeller,
  }).sync();
}
