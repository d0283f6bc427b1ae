import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { migrateDatabase } from "@/lib/db/migrate";
import { openDatabase, type Db } from "@/lib/db/open";
import { products, sellers } from "@/lib/db/schema";
import { seedDatabase } from "@/lib/db/seed";

const publicDir = join(process.cwd(), "public");

describe("seedDatabase", () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "seed-test-"));
    db = openDatabase(join(dir, "shop.db"));
    migrateDatabase(db, "drizzle");
  });

  afterAll(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is idempotent: seeding twice leaves the same rows", () => {
    const first = seedDatabase(db);
    const sellersBefore = db.select().from(sellers).all();
    const productsBefore = db.select().from(products).all();

    const second = seedDatabase(db);
    expect(second).toEqual(first);
    expect(first).toEqual({ sellers: sellersBefore.length, products: productsBefore.length });
    expect(db.select().from(sellers).all()).toEqual(sellersBefore);
    expect(db.select().from(products).all()).toEqual(productsBefore);
  });

  it("has a catalogue worth checking out", () => {
    const all = db.select().from(products).all();
    const active = all.filter((p) => p.active);
    expect(active.length).toBeGreaterThanOrEqual(8);
    expect(db.select().from(sellers).all().length).toBeGreaterThanOrEqual(2);
    expect(active.filter((p) => p.type === "digital").length).toBeGreaterThanOrEqual(2);
    expect(active.filter((p) => p.type === "physical").length).toBeGreaterThanOrEqual(1);
    expect(all.filter((p) => !p.active)).toHaveLength(1);
  });

  it("prices every product and seller fee in positive integer rupiah", () => {
    for (const p of db.select().from(products).all()) {
      expect(Number.isInteger(p.price), p.slug).toBe(true);
      expect(p.price, p.slug).toBeGreaterThan(0);
      expect(p.category, p.slug).toMatch(/^[A-Z_]+$/);
    }
    for (const s of db.select().from(sellers).all()) {
      expect(Number.isInteger(s.shippingFee), s.id).toBe(true);
      expect(s.shippingFee, s.id).toBeGreaterThanOrEqual(0);
    }
  });

  it("has a picture in public/ for every product, and a placeholder", () => {
    for (const p of db.select().from(products).all()) {
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
      expect(svg.replaceAll("http://www.w3.org/2000/svg", ""), file).not.toMatch(/https?:|<image|<text|@import/);
    }
  });

  it("links every product to a seeded seller", () => {
    for (const p of db.select().from(products).all()) {
      expect(db.select().from(sellers).where(eq(sellers.id, p.sellerId)).get(), p.slug).toBeDefined();
    }
  });
});
