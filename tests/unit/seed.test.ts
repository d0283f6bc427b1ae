import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/connection";
import { products, sellers } from "@/lib/db/schema";
import { seedDatabase } from "@/lib/db/seed";

const publicDir = join(process.cwd(), "public");

describe("seedDatabase", () => {
  let dir: string;
  let db: Database;
  // In a set order: PostgreSQL may return rows in another order once an upsert has rewritten them.
  const allSellers = () => db.run((d) => d.select().from(sellers).orderBy(sellers.id));
  const allProducts = () => db.run((d) => d.select().from(products).orderBy(products.id));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "seed-test-"));
    db = openDatabase(join(dir, "shop.db"));
    await db.migrate();
  });

  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is idempotent: seeding twice leaves the same rows", async () => {
    const first = await seedDatabase(db);
    const sellersBefore = await allSellers();
    const productsBefore = await allProducts();

    const second = await seedDatabase(db);
    expect(second).toEqual(first);
    expect(first).toEqual({ sellers: sellersBefore.length, products: productsBefore.length });
    expect(await allSellers()).toEqual(sellersBefore);
    expect(await allProducts()).toEqual(productsBefore);
  });

  it("has a catalogue worth checking out", async () => {
    const all = await allProducts();
    const active = all.filter((p) => p.active);
    expect(active.length).toBeGreaterThanOrEqual(8);
    expect((await allSellers()).length).toBeGreaterThanOrEqual(2);
    expect(active.filter((p) => p.type === "digital").length).toBeGreaterThanOrEqual(2);
    expect(active.filter((p) => p.type === "physical").length).toBeGreaterThanOrEqual(1);
    expect(all.filter((p) => !p.active)).toHaveLength(1);
  });

  it("prices every product and seller fee in positive integer rupiah", async () => {
    for (const p of await allProducts()) {
      expect(Number.isInteger(p.price), p.slug).toBe(true);
      expect(p.price, p.slug).toBeGreaterThan(0);
      expect(p.category, p.slug).toMatch(/^[A-Z_]+$/);
    }
    for (const s of await allSellers()) {
      expect(Number.isInteger(s.shippingFee), s.id).toBe(true);
      expect(s.shippingFee, s.id).toBeGreaterThanOrEqual(0);
    }
  });

  it("has a picture in public/ for every product, and a placeholder", async () => {
    for (const p of await allProducts()) {
      expect(p.imagePath, p.slug).toBe(`/products/${p.slug}.svg`);
      expect(existsSync(join(publicDir, p.imagePath)), p.imagePath).toBe(true);
    }
    expect(existsSync(join(publicDir, "products/placeholder.svg"))).toBe(true);
  });

  it("keeps the pictures small, square and self-contained", () => {
    const dir = join(publicDir, "products");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".svg"))) {
      const svg = readFileSync(join(dir, file), "utf8");
      expect(svg, file).toContain('viewBox="0 0 800 800"');
      expect(svg.length, file).toBeLessThan(6 * 1024);
      // No external references: the only URL is the SVG namespace.
      expect(svg.replaceAll("http://www.w3.org/2000/svg", ""), file).not.toMatch(
        /https?:|<image|<text|@import/,
      );
    }
  });

  it("links every product to a seeded seller", async () => {
    for (const p of await allProducts()) {
      expect(
        (await db.run((d) => d.select().from(sellers).where(eq(sellers.id, p.sellerId))))[0],
        p.slug,
      ).toBeDefined();
    }
  });
});
