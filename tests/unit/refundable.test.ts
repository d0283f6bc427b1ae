// The refund arithmetic (lib/refunds/refundable.ts) and the refund form's parsing
// (lib/refunds/refund-schema.ts): what is left to refund, lines and units, the adjustment, and
// every refusal by field.
import { describe, expect, it } from "vitest";
import { parseRefundForm, parseRupiah } from "@/lib/refunds/refund-schema";
import {
  hasShippedParcel,
  orderNet,
  planRefund,
  refundableAmount,
  refundWindowDaysLeft,
  unitsLeft,
  type RecordedRefund,
} from "@/lib/refunds/refundable";

const items = [
  { id: 11, kind: "product" as const, unitPrice: 150_000, quantity: 2 },
  { id: 12, kind: "product" as const, unitPrice: 95_000, quantity: 1 },
  { id: 13, kind: "shipping" as const, unitPrice: 20_000, quantity: 1 },
];
const order = { total: 415_000, items };
const partial = (lines: [number, number][], adjustment = 0) => ({
  full: false,
  lines: lines.map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
  adjustment,
});

describe("refundable math", () => {
  it("a full refund is everything left, with the units left", () => {
    const prior: RecordedRefund[] = [
      { state: "completed", amount: 150_000, lines: [{ orderItemId: 11, quantity: 1 }] },
    ];
    expect(planRefund(order, prior, { full: true, lines: [], adjustment: 0 })).toEqual({
      ok: true,
      amount: 265_000,
      full: true,
      lines: [
        { orderItemId: 11, quantity: 1 },
        { orderItemId: 12, quantity: 1 },
        { orderItemId: 13, quantity: 1 },
      ],
      adjustment: 0,
    });
  });

  it("a partial refund is its lines plus or minus the adjustment, shipping included", () => {
    expect(
      planRefund(
        order,
        [],
        partial(
          [
            [11, 1],
            [13, 1],
          ],
          -5_000,
        ),
      ),
    ).toMatchObject({
      ok: true,
      amount: 165_000,
      full: false,
    });
    expect(planRefund(order, [], partial([], 25_000))).toMatchObject({ ok: true, amount: 25_000 });
  });

  it("counts requested refunds as well as completed ones against what is left", () => {
    const prior: RecordedRefund[] = [
      { state: "requested", amount: 300_000, lines: [{ orderItemId: 11, quantity: 2 }] },
      { state: "completed", amount: 15_000, lines: [] },
    ];
    expect(refundableAmount(415_000, prior)).toBe(100_000);
    expect(unitsLeft(items, prior).get(11)).toBe(0);
  });

  it("refuses more than is refundable, nothing, zero or less, and units not left @faults", () => {
    const prior: RecordedRefund[] = [{ state: "requested", amount: 400_000, lines: [] }];
    expect(planRefund(order, prior, partial([[13, 1]]))).toEqual({
      ok: false,
      errors: { amount: "amount.overRefundable" },
    });
    expect(planRefund(order, [], partial([]))).toEqual({
      ok: false,
      errors: { amount: "amount.nothing" },
    });
    expect(planRefund(order, [], partial([[12, 1]], -95_000))).toEqual({
      ok: false,
      errors: { amount: "amount.notPositive" },
    });
    expect(
      planRefund(
        order,
        [],
        partial([
          [11, 3],
          [99, 1],
        ]),
      ),
    ).toEqual({
      ok: false,
      errors: { "qty-11": "quantity.tooMany", "qty-99": "quantity.unknownLine" },
    });
    const all: RecordedRefund[] = [{ state: "completed", amount: 415_000, lines: [] }];
    expect(planRefund(order, all, { full: true, lines: [], adjustment: 0 })).toEqual({
      ok: false,
      errors: { amount: "amount.nothingLeft" },
    });
  });

  it("counts the refund window's days from payment, past it negative", () => {
    const paid = new Date("2026-03-01T03:00:00Z");
    expect(refundWindowDaysLeft(paid, 14, new Date("2026-03-01T04:00:00Z"))).toBe(14);
    expect(refundWindowDaysLeft(paid, 14, new Date("2026-03-15T04:00:00Z"))).toBe(-1);
  });
});

describe("the refund form", () => {
  it("reads rupiah as typed, with separators and a sign", () => {
    expect(parseRupiah("-10.000", true)).toBe(-10_000);
    expect(parseRupiah("1,250,000", false)).toBe(1_250_000);
    expect(parseRupiah("", true)).toBe(0);
    expect(parseRupiah("-5", false)).toBeNull();
    expect(parseRupiah("1e5", true)).toBeNull();
  });

  it("parses lines by field, drops zero quantities, and keeps the restock choice", () => {
    expect(
      parseRefundForm({
        orderId: "7",
        seen: "1",
        mode: "partial",
        "qty-11": "1",
        "qty-12": "0",
        "qty-13": "",
        adjustment: "5.000",
        reason: "  torn  ",
        restock: "on",
      }),
    ).toEqual({
      ok: true,
      form: {
        orderId: 7,
        full: false,
        lines: [{ orderItemId: 11, quantity: 1 }],
        adjustment: 5_000,
        reason: "torn",
        restock: true,
        seen: 1,
      },
    });
  });

  it("names each bad field: quantity, adjustment, reason (empty or 1 MB) @faults", () => {
    expect(
      parseRefundForm({
        orderId: "7",
        seen: "0",
        mode: "partial",
        "qty-11": "-1",
        adjustment: "ten",
        reason: "x".repeat(1_000_000),
      }),
    ).toEqual({
      ok: false,
      errors: {
        "qty-11": "quantity.invalid",
        adjustment: "adjustment.invalid",
        reason: "reason.tooLong",
      },
    });
    expect(parseRefundForm({ orderId: "7", seen: "0", mode: "full", reason: " " })).toEqual({
      ok: false,
      errors: { reason: "reason.required" },
    });
    expect(parseRefundForm({ orderId: "x", seen: "0" })).toEqual({
      ok: false,
      errors: { form: "invalid" },
    });
  });
});

describe("orderNet and hasShippedParcel", () => {
  it("net is the total less completed refunds; only a parcel to ship that left blocks a cancel", () => {
    expect(orderNet({ total: 415_000, refundedTotal: 150_000 })).toBe(265_000);
    expect(orderNet({ total: 415_000, refundedTotal: 0 })).toBe(415_000);
    expect(hasShippedParcel([{ digital: true, state: "delivered" }])).toBe(false);
    expect(hasShippedParcel([{ digital: false, state: "awaiting" }])).toBe(false);
    expect(hasShippedParcel([{ digital: false, state: "delivered" }])).toBe(true);
    expect(hasShippedParcel([{ digital: false, state: "shipped" }])).toBe(true);
  });
});
