// lib/db/schema/sqlite.ts and postgres.ts must define the same tables: the shop's queries are
// written once, against either. Checked at run time (names, nullability, keys, indexes, checks)
// and by the type checker (the same row types).
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pg from "@/lib/db/schema/postgres";
import * as sqlite from "@/lib/db/schema/sqlite";

const TABLES = [
  "sellers",
  "products",
  "carts",
  "cartItems",
  "orders",
  "orderItems",
  "paymentAttempts",
  "paymentEvents",
  "users",
  "rateLimits",
  "emailOutbox",
  "emailDeliveries",
  "alerts",
  "reconcilerRuns",
] as const;

function shape(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>) {
  return {
    name: config.name,
    columns: config.columns
      .map((c) => ({
        name: c.name,
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        hasDefault: c.hasDefault,
        enum: c.enumValues ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes.map((i) => i.config.name).sort(),
    checks: config.checks.map((c) => c.name).sort(),
    primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    foreignKeys: config.foreignKeys
      .map((f) =>
        f
          .reference()
          .columns.map((c) => c.name)
          .join(","),
      )
      .sort(),
  };
}

describe("the two dialects' schemas", () => {
  it("export the same tables", () => {
    const tablesOf = (mod: object) =>
      Object.keys(mod)
        .filter((k) => (TABLES as readonly string[]).includes(k))
        .sort();
    expect(tablesOf(pg)).toEqual([...TABLES].sort());
    expect(tablesOf(sqlite)).toEqual([...TABLES].sort());
  });

  it.each(TABLES)("%s: same columns, nullability, defaults, keys, indexes and checks", (name) => {
    expect(shape(sqliteConfig(sqlite[name] as SQLiteTable))).toEqual(
      shape(pgConfig(pg[name] as PgTable)),
    );
  });

  it("give the same row types", () => {
    expectTypeOf<typeof sqlite.orders.$inferSelect>().toEqualTypeOf<
      typeof pg.orders.$inferSelect
    >();
    expectTypeOf<typeof sqlite.paymentAttempts.$inferSelect>().toEqualTypeOf<
      typeof pg.paymentAttempts.$inferSelect
    >();
    expectTypeOf<typeof sqlite.paymentEvents.$inferSelect>().toEqualTypeOf<
      typeof pg.paymentEvents.$inferSelect
    >();
    expectTypeOf<typeof sqlite.orderItems.$inferSelect>().toEqualTypeOf<
      typeof pg.orderItems.$inferSelect
    >();
    expectTypeOf<typeof sqlite.products.$inferSelect>().toEqualTypeOf<
      typeof pg.products.$inferSelect
    >();
    expectTypeOf<typeof sqlite.emailOutbox.$inferSelect>().toEqualTypeOf<
      typeof pg.emailOutbox.$inferSelect
    >();
    expectTypeOf<typeof sqlite.emailDeliveries.$inferSelect>().toEqualTypeOf<
      typeof pg.emailDeliveries.$inferSelect
    >();
    expectTypeOf<typeof sqlite.products.$inferSelect>().toEqualTypeOf<
      typeof pg.products.$inferSelect
    >();
    expectTypeOf<typeof sqlite.rateLimits.$inferSelect>().toEqualTypeOf<
      typeof pg.rateLimits.$inferSelect
    >();
    expectTypeOf<typeof sqlite.users.$inferSelect>().toEqualTypeOf<typeof pg.users.$inferSelect>();
    expectTypeOf<typeof sqlite.carts.$inferSelect>().toEqualTypeOf<typeof pg.carts.$inferSelect>();
    expectTypeOf<typeof sqlite.cartItems.$inferSelect>().toEqualTypeOf<
      typeof pg.cartItems.$inferSelect
    >();
    expectTypeOf<typeof sqlite.sellers.$inferSelect>().toEqualTypeOf<
      typeof pg.sellers.$inferSelect
    >();
  });
});
