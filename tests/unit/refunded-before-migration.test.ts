// The refunded-before migration (SQLite 0016, PostgreSQL 0012) on a database that already holds
// orders refunded by DOKU before refunds were recorded: migrated up to the migration before it,
// orders inserted as the shop then wrote them, then the rest migrated. Each refunded order with no
// refund gets one completed full refund "reported by DOKU" and refunded_total = total; others stay.
import { afterAll, describe, expect, it } from "vitest";
import { REPORTED_BY_DOKU } from "@/lib/refunds/reported-reason";
import { testDialect } from "../support/app-db";
import { sqlBool as bool, migratedUpTo, sqlTime as ts } from "../support/partly-migrated";

const REFUNDED_BEFORE = {
  sqlite: "0016_refunded_before",
  postgresql: "0012_refunded_before",
} as const;
const T0 = Date.UTC(2026, 2, 1, 3, 0, 0);

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

describe(`the refunded-before migration (${testDialect})`, () => {
  it("records one completed full refund for each order refunded without one, and its refunded_total", async () => {
    const { db, execute, migrateRest, rows } = await migratedUpTo(REFUNDED_BEFORE[testDialect]);
    opened.push(db);

    const address = `'{"firstName":"Siti","address":"Jl. A","city":"Yogyakarta","postalCode":"55271","phone":"6281234567890","countryCode":"IDN"}'`;
    // 1: refunded by DOKU, its attempt refunded at T0+2h; 2: refunded, no attempt (order's
    // updated_at); 3: paid; 4: refunded with a refund already recorded (left alone).
    const statements = [
      ...[
        [1, "refunded"],
        [2, "refunded"],
        [3, "paid"],
        [4, "refunded"],
      ].map(
        ([id, status]) =>
          `INSERT INTO orders (id, public_token, checkout_key, status, customer_first_name, customer_email, customer_phone, locale, shipping_address, billing_address, subtotal, shipping_total, total, refunded_total, created_at, updated_at, paid_at, stock_state)
           VALUES (${id}, 'token${id}', 'key${id}', '${status}', 'Siti', 'siti@example.com', '6281234567890', 'id', ${address}, ${address}, 150000, 10000, 160000, ${id === 4 ? 160000 : 0}, ${ts(T0)}, ${ts(T0 + 3_600_000)}, ${ts(T0)}, 'sold')`,
      ),
      `INSERT INTO payment_attempts (id, order_id, invoice_number, request_id, merchant_unique_reference, amount, status, created_at, updated_at) VALUES
        (1, 1, 'INV-OLD-1', 'r1', 'm1', 160000, 'failed', ${ts(T0)}, ${ts(T0)}),
        (2, 1, 'INV-1', 'r2', 'm2', 160000, 'refunded', ${ts(T0)}, ${ts(T0 + 7_200_000)}),
        (3, 3, 'INV-3', 'r3', 'm3', 160000, 'paid', ${ts(T0)}, ${ts(T0)}),
        (4, 4, 'INV-4', 'r4', 'm4', 160000, 'refunded', ${ts(T0)}, ${ts(T0)})`,
      `INSERT INTO refunds (order_id, attempt_id, invoice_number, state, amount, ${'"full"'}, lines, adjustment, reason, restock, completed_at, completed_via, created_at)
        VALUES (4, 4, 'INV-4', 'completed', 160000, ${bool(true)}, '[]', 0, 'damaged', ${bool(false)}, ${ts(T0)}, 'owner', ${ts(T0)})`,
    ];
    await execute(statements);
    await migrateRest();

    const ms = (v: unknown) => (v === null ? null : v instanceof Date ? v.getTime() : Number(v));
    const lines = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

    const refunds = await rows(
      `SELECT order_id, attempt_id, invoice_number, state, amount, ${'"full"'}, lines, reason, restock, completed_at, completed_via FROM refunds ORDER BY order_id`,
    );
    expect(
      refunds.map((r) => [
        Number(r.order_id),
        r.attempt_id === null ? null : Number(r.attempt_id),
        r.invoice_number,
        r.state,
        Number(r.amount),
        Boolean(r.full),
        lines(r.lines),
        r.reason,
        Boolean(r.restock),
        ms(r.completed_at),
        r.completed_via,
      ]),
    ).toEqual([
      [
        1,
        2,
        "INV-1",
        "completed",
        160000,
        true,
        [],
        REPORTED_BY_DOKU,
        false,
        T0 + 7_200_000,
        "notification",
      ],
      [
        2,
        null,
        "",
        "completed",
        160000,
        true,
        [],
        REPORTED_BY_DOKU,
        false,
        T0 + 3_600_000,
        "notification",
      ],
      [4, 4, "INV-4", "completed", 160000, true, [], "damaged", false, T0, "owner"],
    ]);
    const orders = await rows("SELECT id, status, refunded_total FROM orders ORDER BY id");
    expect(orders.map((o) => [Number(o.id), o.status, Number(o.refunded_total)])).toEqual([
      [1, "refunded", 160000],
      [2, "refunded", 160000],
      [3, "paid", 0],
      [4, "refunded", 160000],
    ]);
  });
});
