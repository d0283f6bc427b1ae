// lib/admin on a real, migrated database: the filter parsed from a URL, search, status
// totals, the daily chart series, the order detail and marking a flagged event reviewed.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";

setTestEnv();
const schema = await import("@/lib/db/schema");
const admin = await import("@/lib/admin/orders");
const { chartRange, filterQuery, parseOrderFilter } = await import("@/lib/admin/filter");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

const address = {
  firstName: "Siti",
  address: "Jl. Malioboro 1",
  city: "Yogyakarta",
  postalCode: "55271",
  phone: "6281234567890",
  countryCode: "IDN" as const,
};

/** `2026-03-10T09:00` in Jakarta is 02:00 UTC. */
const wib = (local: string) => new Date(`${local}+07:00`);

interface Seed {
  email: string;
  status: (typeof schema.orderStatuses)[number];
  total: number;
  createdAt: Date;
  paidAt?: Date;
  invoices?: string[];
  flagged?: number;
}

async function insertOrder(seed: Seed) {
  const token = randomUUID().replace(/-/g, "");
  const [order] = await db.run((d) =>
    d
      .insert(schema.orders)
      .values({
        publicToken: token,
        checkoutKey: randomUUID(),
        status: seed.status,
        customerFirstName: "Siti",
        customerLastName: "Rahma",
        customerEmail: seed.email,
        customerPhone: "6281234567890",
        shippingAddress: address,
        billingAddress: { ...address, city: "Sleman" },
        subtotal: seed.total - 15_000,
        shippingTotal: 15_000,
        total: seed.total,
        createdAt: seed.createdAt,
        updatedAt: seed.createdAt,
        paidAt: seed.paidAt ?? null,
      })
      .returning(),
  );
  await db.run((d) =>
    d.insert(schema.orderItems).values([
      {
        orderId: order!.id,
        kind: "product",
        name: "Batik",
        sku: "B-1",
        itemType: "FASHION",
        unitPrice: seed.total - 15_000,
        quantity: 1,
        lineTotal: seed.total - 15_000,
      },
      {
        orderId: order!.id,
        kind: "shipping",
        name: "Shipping",
        sku: "shippingfee",
        itemType: "SHIPPING",
        unitPrice: 15_000,
        quantity: 1,
        lineTotal: 15_000,
      },
    ]),
  );
  const attemptIds: number[] = [];
  for (const invoice of seed.invoices ?? []) {
    const [attempt] = await db.run((d) =>
      d
        .insert(schema.paymentAttempts)
        .values({
          orderId: order!.id,
          invoiceNumber: invoice,
          requestId: randomUUID(),
          merchantUniqueReference: `MUR-${invoice}`,
          amount: seed.total,
          status: "pending",
        })
        .returning(),
    );
    attemptIds.push(attempt!.id);
  }
  const eventIds: number[] = [];
  for (let i = 0; i < (seed.flagged ?? 0); i++) {
    const [event] = await db.run((d) =>
      d
        .insert(schema.paymentEvents)
        .values({
          kind: "notification",
          direction: "in",
          orderId: order!.id,
          attemptId: attemptIds[0] ?? null,
          method: "POST",
          url: "/api/doku/notifications",
          requestHeaders: { "Request-Id": "r" },
          requestBody: '{"order":{"amount":1}}',
          outcome: "flagged:amount_mismatch",
          flagged: true,
          createdAt: new Date(seed.createdAt.getTime() + 60_000 * (i + 1)),
        })
        .returning(),
    );
    eventIds.push(event!.id);
  }
  return { ...order!, attemptIds, eventIds };
}

let a: Awaited<ReturnType<typeof insertOrder>>;
let b: Awaited<ReturnType<typeof insertOrder>>;
let c: Awaited<ReturnType<typeof insertOrder>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
  // 23:30 WIB on 9 March is still 9 March in Jakarta although it is 16:30 UTC.
  a = await insertOrder({
    email: "Siti@Example.com",
    status: "paid",
    total: 440_000,
    createdAt: wib("2026-03-09T23:30:00"),
    paidAt: wib("2026-03-10T00:10:00"),
    invoices: ["INV-20260309-AAAA1111"],
  });
  b = await insertOrder({
    email: "budi@toko.test",
    status: "pending",
    total: 200_000,
    createdAt: wib("2026-03-10T08:00:00"),
    invoices: ["INV-20260310-OLD00001", "INV-20260310-NEW00002"],
    flagged: 2,
  });
  c = await insertOrder({
    email: "ayu@example.com",
    status: "failed",
    total: 115_000,
    createdAt: wib("2026-03-12T00:05:00"),
    invoices: ["INV-20260312-CCCC3333"],
  });
  // 25 more paid orders on 11 March for paging.
  for (let i = 0; i < 25; i++) {
    const at = wib(`2026-03-11T10:${String(i).padStart(2, "0")}:00`);
    await insertOrder({
      email: `bulk${i}@bulk.test`,
      status: "paid",
      total: 100_000,
      createdAt: at,
      paidAt: at,
    });
  }
});

describe("parseOrderFilter", () => {
  it("gives defaults for an empty URL", () => {
    expect(parseOrderFilter({})).toEqual({
      status: "all",
      fulfilment: "all",
      from: undefined,
      to: undefined,
      q: "",
      page: 1,
    });
  });

  it("keeps valid values, trims, and takes the first of repeated params", () => {
    expect(
      parseOrderFilter({
        status: "paid",
        fulfilment: "shipped",
        from: "2026-03-01",
        to: "2026-03-31",
        q: "  siti ",
        page: "3",
      }),
    ).toEqual({
      status: "paid",
      fulfilment: "shipped",
      from: "2026-03-01",
      to: "2026-03-31",
      q: "siti",
      page: 3,
    });
    expect(parseOrderFilter(new URLSearchParams("status=failed&status=paid")).status).toBe(
      "failed",
    );
    expect(parseOrderFilter({ status: ["expired", "paid"] }).status).toBe("expired");
  });

  it("falls back to defaults for bad values instead of failing", () => {
    expect(
      parseOrderFilter({
        status: "shipped",
        from: "2026-02-30",
        to: "yesterday",
        page: "-2",
        q: ["", "x"],
        fulfilment: "lost",
      }),
    ).toEqual({
      status: "all",
      fulfilment: "all",
      from: undefined,
      to: undefined,
      q: "",
      page: 1,
    });
    expect(parseOrderFilter({ page: "1.5" }).page).toBe(1);
    expect(parseOrderFilter({ page: "abc" }).page).toBe(1);
    expect(parseOrderFilter({ from: "", to: " " })).toMatchObject({
      from: undefined,
      to: undefined,
    });
  });

  it("swaps a backwards range and caps the search length", () => {
    expect(parseOrderFilter({ from: "2026-03-31", to: "2026-03-01" })).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(parseOrderFilter({ q: "x".repeat(500) }).q).toHaveLength(200);
  });

  it("builds links that keep the filter and leave out defaults", () => {
    const f = parseOrderFilter({ status: "paid", q: "a&b", page: "2" });
    expect(filterQuery(f)).toBe("?status=paid&q=a%26b&page=2");
    expect(filterQuery(f, { page: 1 })).toBe("?status=paid&q=a%26b");
    expect(filterQuery(parseOrderFilter({}))).toBe("");
    expect(filterQuery(parseOrderFilter({ fulfilment: "partly_shipped" }))).toBe(
      "?fulfilment=partly_shipped",
    );
  });

  it("chart range defaults to the last 14 days in the shop's zone and clips long ranges", () => {
    // 20:00 UTC on 10 March is already 11 March in Jakarta.
    expect(chartRange({}, "Asia/Jakarta", new Date("2026-03-10T20:00:00Z"))).toEqual({
      from: "2026-02-26",
      to: "2026-03-11",
      clipped: false,
    });
    expect(chartRange({ from: "2025-01-01", to: "2026-03-11" }, "Asia/Jakarta")).toMatchObject({
      from: "2025-12-10",
      to: "2026-03-11",
      clipped: true,
    });
    // 23:30 WIB on 9 March is 00:30 WITA on 10 March: "today" is a day later in Makassar.
    expect(chartRange({}, "Asia/Jakarta", wib("2026-03-09T23:30:00"))).toMatchObject({
      from: "2026-02-24",
      to: "2026-03-09",
    });
    expect(chartRange({}, "Asia/Makassar", wib("2026-03-09T23:30:00"))).toMatchObject({
      from: "2026-02-25",
      to: "2026-03-10",
    });
  });
});

describe("listOrders", () => {
  const list = (params: Record<string, string>) => admin.listOrders(parseOrderFilter(params));

  it("pages newest first, 20 a page", async () => {
    const first = await list({});
    expect(first.total).toBe(28);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]!.id).toBe(c.id);
    const second = await list({ page: "2" });
    expect(second.rows).toHaveLength(8);
    expect(second.rows.at(-1)!.id).toBe(a.id);
    expect((await list({ page: "9" })).rows).toEqual([]);
  });

  it("returns the customer, the latest attempt and the flag counts", async () => {
    const row = (await list({ q: "budi@" })).rows[0]!;
    expect(row).toMatchObject({
      id: b.id,
      token: b.publicToken,
      customerName: "Siti Rahma",
      email: "budi@toko.test",
      status: "pending",
      total: 200_000,
      latestInvoice: "INV-20260310-NEW00002",
      latestAttemptStatus: "pending",
      flaggedEvents: 2,
      unreviewedFlags: 2,
    });
    expect(row.createdAt).toEqual(wib("2026-03-10T08:00:00"));
  });

  it("filters by status", async () => {
    expect((await list({ status: "failed" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list({ status: "expired" })).total).toBe(0);
  });

  it("filters by Jakarta calendar days, both ends inclusive", async () => {
    expect((await list({ from: "2026-03-09", to: "2026-03-09" })).rows.map((r) => r.id)).toEqual([
      a.id,
    ]);
    expect((await list({ from: "2026-03-10", to: "2026-03-10" })).rows.map((r) => r.id)).toEqual([
      b.id,
    ]);
    expect((await list({ from: "2026-03-12" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list({ to: "2026-03-10" })).total).toBe(2);
  });

  it("searches by any attempt's exact invoice number, case-insensitively", async () => {
    expect((await list({ q: "INV-20260310-OLD00001" })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await list({ q: "inv-20260309-aaaa1111" })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await list({ q: "INV-20260310" })).total).toBe(0);
  });

  it("searches by exact token or its 8-character reference", async () => {
    expect((await list({ q: c.publicToken })).rows.map((r) => r.id)).toEqual([c.id]);
    expect(
      (await list({ q: c.publicToken.slice(0, 8).toUpperCase() })).rows.map((r) => r.id),
    ).toEqual([c.id]);
    expect((await list({ q: c.publicToken.slice(0, 12) })).total).toBe(0);
  });

  it("searches email substrings case-insensitively, with no wildcard surprises", async () => {
    expect((await list({ q: "SITI@example" })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await list({ q: "example.com" })).total).toBe(2);
    expect((await list({ q: "%" })).total).toBe(0);
    expect((await list({ q: "_" })).total).toBe(0);
    expect((await list({ q: "bulk", status: "paid" })).total).toBe(25);
  });
});

describe("statusTotals", () => {
  it("counts and sums every status, ignoring the status filter", async () => {
    const totals = await admin.statusTotals(parseOrderFilter({ status: "failed" }));
    expect(totals.byStatus.map((t) => t.status)).toEqual([
      "pending",
      "paid",
      "failed",
      "expired",
      "refunded",
      "cancelled",
    ]);
    expect(totals.byStatus.find((t) => t.status === "paid")).toEqual({
      status: "paid",
      count: 26,
      sum: 440_000 + 25 * 100_000,
      refunded: 0,
    });
    expect(totals.byStatus.find((t) => t.status === "pending")).toEqual({
      status: "pending",
      count: 1,
      sum: 200_000,
      refunded: 0,
    });
    expect(totals.byStatus.find((t) => t.status === "expired")).toEqual({
      status: "expired",
      count: 0,
      sum: 0,
      refunded: 0,
    });
    expect(totals.all).toEqual({
      count: 28,
      sum: 440_000 + 200_000 + 115_000 + 2_500_000,
      refunded: 0,
    });
  });

  it("applies dates and search", async () => {
    const totals = await admin.statusTotals(
      parseOrderFilter({ from: "2026-03-09", to: "2026-03-10", q: "example" }),
    );
    expect(totals.all).toEqual({ count: 1, sum: 440_000, refunded: 0 });
  });
});

describe("dailyPaid", () => {
  it("sums paid revenue by the Jakarta day it was paid, counts orders by the day created, fills gaps", async () => {
    const series = await admin.dailyPaid(
      parseOrderFilter({ from: "2026-03-08", to: "2026-03-12" }),
    );
    expect(series.days).toEqual([
      { date: "2026-03-08", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 0 },
      { date: "2026-03-09", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 1 },
      {
        date: "2026-03-10",
        revenue: 440_000,
        paid: 440_000,
        refunded: 0,
        paidOrders: 1,
        orders: 1,
      },
      {
        date: "2026-03-11",
        revenue: 2_500_000,
        paid: 2_500_000,
        refunded: 0,
        paidOrders: 25,
        orders: 25,
      },
      { date: "2026-03-12", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 1 },
    ]);
    expect(series).toMatchObject({
      totalRevenue: 2_940_000,
      totalPaid: 2_940_000,
      totalRefunded: 0,
      totalOrders: 28,
      totalPaidOrders: 26,
      clipped: false,
    });
  });

  it("applies the fulfilment filter as the list does", async () => {
    const setFulfilment = (fulfilment: "shipped" | null) =>
      db.run((d) => d.update(schema.orders).set({ fulfilment }).where(eq(schema.orders.id, a.id)));
    await setFulfilment("shipped");
    try {
      const filter = parseOrderFilter({
        from: "2026-03-08",
        to: "2026-03-12",
        fulfilment: "shipped",
      });
      expect((await admin.listOrders(filter)).rows.map((r) => r.id)).toEqual([a.id]);
      const series = await admin.dailyPaid(filter);
      expect(series).toMatchObject({ totalRevenue: 440_000, totalPaidOrders: 1, totalOrders: 1 });
      expect(series.days.filter((d) => d.orders > 0 || d.paidOrders > 0)).toEqual([
        { date: "2026-03-09", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 1 },
        {
          date: "2026-03-10",
          revenue: 440_000,
          paid: 440_000,
          refunded: 0,
          paidOrders: 1,
          orders: 0,
        },
      ]);
    } finally {
      await setFulfilment(null);
    }
  });

  it("defaults to 14 days ending today", async () => {
    const series = await admin.dailyPaid(parseOrderFilter({}), wib("2026-03-12T12:00:00"));
    expect(series.days).toHaveLength(14);
    expect(series.days.at(-1)!.date).toBe("2026-03-12");
    expect(series.totalOrders).toBe(28);
  });
});

describe("in another zone (SHOP_TIME_ZONE=Asia/Makassar)", () => {
  // Order a was placed at 23:30 WIB on 9 March: 00:30 WITA on 10 March.
  const witaList = (params: Record<string, string>) =>
    admin.listOrders(parseOrderFilter(params), "Asia/Makassar");

  it("filters by WITA calendar days", async () => {
    expect((await witaList({ from: "2026-03-09", to: "2026-03-09" })).total).toBe(0);
    expect(
      (await witaList({ from: "2026-03-10", to: "2026-03-10" })).rows.map((r) => r.id),
    ).toEqual([b.id, a.id]);
    expect((await witaList({ to: "2026-03-10" })).total).toBe(2);
    const totals = await admin.statusTotals(
      parseOrderFilter({ from: "2026-03-09", to: "2026-03-09" }),
      "Asia/Makassar",
    );
    expect(totals.all).toEqual({ count: 0, sum: 0, refunded: 0 });
  });

  it("buckets the chart by the WITA day", async () => {
    const series = await admin.dailyPaid(
      parseOrderFilter({ from: "2026-03-08", to: "2026-03-12" }),
      new Date(),
      "Asia/Makassar",
    );
    expect(series.days).toEqual([
      { date: "2026-03-08", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 0 },
      { date: "2026-03-09", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 0 },
      {
        date: "2026-03-10",
        revenue: 440_000,
        paid: 440_000,
        refunded: 0,
        paidOrders: 1,
        orders: 2,
      },
      {
        date: "2026-03-11",
        revenue: 2_500_000,
        paid: 2_500_000,
        refunded: 0,
        paidOrders: 25,
        orders: 25,
      },
      { date: "2026-03-12", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 1 },
    ]);
    // Its default window ends on today in Makassar: 23:30 WIB on 12 March is already 13 March there.
    const defaults = await admin.dailyPaid(
      parseOrderFilter({}),
      wib("2026-03-12T23:30:00"),
      "Asia/Makassar",
    );
    expect(defaults.days.at(-1)!.date).toBe("2026-03-13");
    expect(defaults.totalOrders).toBe(28);
  });
});

describe("orderDetail and review", () => {
  it("returns the order, items, attempts and events oldest first", async () => {
    const detail = (await admin.orderDetail(b.id))!;
    expect(detail.order).toMatchObject({
      id: b.id,
      customerEmail: "budi@toko.test",
      total: 200_000,
    });
    expect(detail.order.billingAddress.city).toBe("Sleman");
    expect(detail.items.map((i) => i.kind)).toEqual(["product", "shipping"]);
    expect(detail.attempts.map((x) => x.invoiceNumber)).toEqual([
      "INV-20260310-OLD00001",
      "INV-20260310-NEW00002",
    ]);
    expect(detail.events.map((e) => e.id)).toEqual(b.eventIds);
    expect(detail.events[0]).toMatchObject({
      flagged: true,
      reviewedAt: null,
      requestHeaders: { "Request-Id": "r" },
    });
    expect(await admin.orderDetail(999_999)).toBeNull();
    expect(await admin.orderDetail(0)).toBeNull();
  });

  it("finds an attempt only through its own order", async () => {
    expect(await admin.findAttemptForOrder(b.id, b.attemptIds[0]!)).toMatchObject({
      id: b.attemptIds[0],
    });
    expect(await admin.findAttemptForOrder(a.id, b.attemptIds[0]!)).toBeNull();
  });

  it("marks a flagged event reviewed once, and only through its own order", async () => {
    const by = {
      staff: { id: 1, email: "owner@shop.example", name: "Owner", role: "owner" as const },
      clientAddress: null,
    };
    const [first, second] = b.eventIds as [number, number];
    expect(await admin.markEventReviewed(a.id, first, by)).toBe(false);
    expect(await admin.markEventReviewed(b.id, first, by)).toBe(true);
    expect(await admin.markEventReviewed(b.id, first, by)).toBe(false);
    const row = (await admin.listOrders(parseOrderFilter({ q: "budi@" }))).rows[0]!;
    expect(row).toMatchObject({ flaggedEvents: 2, unreviewedFlags: 1 });
    expect(
      (await admin.orderDetail(b.id))!.events.find((e) => e.id === first)!.reviewedAt,
    ).toBeInstanceOf(Date);
    expect(
      (await admin.orderDetail(b.id))!.events.find((e) => e.id === second)!.reviewedAt,
    ).toBeNull();
  });
});

describe("counting past the cap", () => {
  it("counts pages up to the cap, then one page more, so every order stays reachable", () => {
    expect(admin.pagesOf(1, 28)).toEqual({ total: 28, totalCapped: false, pageCount: 2 });
    expect(admin.pagesOf(1, 10_000)).toEqual({ total: 10_000, totalCapped: false, pageCount: 500 });
    expect(admin.pagesOf(1, 10_001)).toEqual({ total: 10_000, totalCapped: true, pageCount: 501 });
    // Deeper than the cap, the count goes to the page asked for, and one more.
    expect(admin.pagesOf(501, 10_021)).toEqual({
      total: 10_020,
      totalCapped: true,
      pageCount: 502,
    });
    expect(admin.pagesOf(501, 10_015)).toEqual({
      total: 10_015,
      totalCapped: false,
      pageCount: 501,
    });
  });

  it("stops counting a big list at the cap and still serves its pages past it", async () => {
    const many = admin.COUNT_CAP + 10;
    const createdAt = wib("2025-01-01T10:00:00");
    await db.transaction(async (tx) => {
      for (let at = 0; at < many; at += 500) {
        await tx.insert(schema.orders).values(
          Array.from({ length: Math.min(500, many - at) }, (_, j) => ({
            publicToken: `bulkcount${at + j}`.padEnd(32, "x"),
            checkoutKey: randomUUID(),
            status: "expired" as const,
            customerFirstName: "Massal",
            customerEmail: `massal${at + j}@toko.test`,
            customerPhone: "6281234567890",
            shippingAddress: address,
            billingAddress: address,
            subtotal: 85_000,
            shippingTotal: 15_000,
            total: 100_000,
            createdAt,
            updatedAt: createdAt,
          })),
        );
      }
    });
    const list = (params: Record<string, string>) => admin.listOrders(parseOrderFilter(params));
    const first = await list({ status: "expired" });
    expect(first).toMatchObject({ total: admin.COUNT_CAP, totalCapped: true, pageCount: 501 });
    const last = await list({ status: "expired", page: "501" });
    expect(last).toMatchObject({ total: many, totalCapped: false, pageCount: 501 });
    expect(last.rows).toHaveLength(10);
    // The status cards still count every order.
    const totals = await admin.statusTotals(parseOrderFilter({}));
    expect(totals.byStatus.find((s) => s.status === "expired")!.count).toBe(many);
  });
});
