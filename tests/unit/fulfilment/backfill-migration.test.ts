// The after-paid migration (SQLite 0013, PostgreSQL 0009) on a database that already holds orders:
// migrated up to the migration before it, orders inserted as the shop then wrote them, then the
// rest migrated. Paid orders get one parcel per seller (a digital-only one delivered at paid_at)
// and their fulfilment, as the payment opens them at runtime (openParcels, deriveFulfilment): a
// line whose product is gone counts as physical, and an order without parcels keeps a null
// fulfilment; unpaid and refunded ones get neither.
import { afterAll, describe, expect, it } from "vitest";
import { testDialect } from "../../support/app-db";
import { sqlBool as bool, migratedUpTo, sqlTime as ts } from "../../support/partly-migrated";

const AFTER_PAID = { sqlite: "0013_after_paid", postgresql: "0009_after_paid" } as const;
const PAID_AT_MS = Date.UTC(2026, 2, 1, 3, 0, 0);

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

describe(`the after-paid migration's backfill (${testDialect})`, () => {
  it("gives orders paid before it their parcels and fulfilment, as the app derives them", async () => {
    const { db, execute, migrateRest, rows } = await migratedUpTo(AFTER_PAID[testDialect]);
    opened.push(db);

    const address = `'{"firstName":"Siti","address":"Jl. A","city":"Yogyakarta","postalCode":"55271","phone":"6281234567890","countryCode":"IDN"}'`;
    const statements = [
      `INSERT INTO sellers (id, name, email, city, shipping_fee) VALUES ('s-a', 'Seller A', 'a@x.example', 'Bandung', 10000), ('s-b', 'Seller B', 'b@x.example', 'Jakarta', 10000)`,
      `INSERT INTO products (id, slug, sku, name, description, price, type, category, image_path, seller_id, active, stock) VALUES
        (1, 'shirt', 'SKU-1', 'Shirt', 'd', 100000, 'physical', 'FASHION', '/x.jpg', 's-a', ${bool(true)}, 5),
        (2, 'ebook', 'SKU-2', 'Ebook', 'd', 50000, 'digital', 'BOOK', '/x.jpg', 's-b', ${bool(true)}, 5)`,
      ...[
        [1, "paid", true],
        [2, "paid", true],
        [3, "pending", false],
        [4, "refunded", true],
        [5, "paid", true],
        [6, "paid", true],
      ].map(
        ([id, status, paid]) =>
          `INSERT INTO orders (id, public_token, checkout_key, status, customer_first_name, customer_email, customer_phone, locale, shipping_address, billing_address, subtotal, shipping_total, total, created_at, updated_at, paid_at, stock_state)
           VALUES (${id}, 'token${id}', 'key${id}', '${status}', 'Siti', 'siti@example.com', '6281234567890', 'id', ${address}, ${address}, 150000, 10000, 160000, ${ts(PAID_AT_MS - 60_000)}, ${ts(PAID_AT_MS)}, ${paid ? ts(PAID_AT_MS) : "NULL"}, '${paid ? "sold" : "reserved"}')`,
      ),
      // 1: a shirt (A) and an ebook (B); 2: an ebook only; 3: unpaid shirt; 4: refunded shirt;
      // 5: a line whose product was deleted (B); 6: a shipping line and no product line.
      `INSERT INTO order_items (order_id, kind, product_id, seller_id, name, sku, item_type, unit_price, quantity, line_total) VALUES
        (1, 'product', 1, 's-a', 'Shirt', 'SKU-1', 'FASHION', 100000, 1, 100000),
        (1, 'product', 2, 's-b', 'Ebook', 'SKU-2', 'BOOK', 50000, 1, 50000),
        (1, 'shipping', NULL, 's-a', 'Shipping', 'SHIP', 'SHIPPING', 10000, 1, 10000),
        (2, 'product', 2, 's-b', 'Ebook', 'SKU-2', 'BOOK', 50000, 1, 50000),
        (3, 'product', 1, 's-a', 'Shirt', 'SKU-1', 'FASHION', 100000, 1, 100000),
        (4, 'product', 1, 's-a', 'Shirt', 'SKU-1', 'FASHION', 100000, 1, 100000),
        (5, 'product', NULL, 's-b', 'Old mug', 'SKU-9', 'HOME', 40000, 1, 40000),
        (6, 'shipping', NULL, 's-a', 'Shipping', 'SHIP', 'SHIPPING', 10000, 1, 10000)`,
    ];
    await execute(statements);
    await migrateRest();

    const ms = (v: unknown) => (v === null ? null : v instanceof Date ? v.getTime() : Number(v));

    const parcels = await rows(
      "SELECT order_id, seller_id, digital, state, delivered_at FROM parcels ORDER BY order_id, seller_id",
    );
    expect(
      parcels.map((p) => [
        Number(p.order_id),
        p.seller_id,
        Boolean(p.digital),
        p.state,
        ms(p.delivered_at),
      ]),
    ).toEqual([
      [1, "s-a", false, "awaiting", null],
      [1, "s-b", true, "delivered", PAID_AT_MS],
      [2, "s-b", true, "delivered", PAID_AT_MS],
      [5, "s-b", false, "awaiting", null],
    ]);
    const orders = await rows("SELECT id, fulfilment, delivered_at FROM orders ORDER BY id");
    expect(orders.map((o) => [Number(o.id), o.fulfilment, ms(o.delivered_at)])).toEqual([
      [1, "unfulfilled", null],
      [2, "delivered", PAID_AT_MS],
      [3, null, null],
      [4, null, null],
      [5, "unfulfilled", null],
      [6, null, null],
    ]);
  });
});
