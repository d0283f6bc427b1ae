// Server-rendered back-office components with recorded data: the timeline escapes what DOKU (or
// an attacker) sent, carries its test hooks and shows flags; the chart and tables render.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The server-action modules pull in next-auth; the components only need a function reference.
vi.mock("@/app/admin/(office)/orders/[id]/actions", () => ({ checkStatusAction: vi.fn(), markReviewedAction: vi.fn() }));
vi.mock("@/app/admin/actions", () => ({ signOutAction: vi.fn() }));

const { OrderTimeline } = await import("@/components/admin/order-timeline");
const { RevenueChart, niceCeiling } = await import("@/components/admin/revenue-chart");
const { OrdersTable } = await import("@/components/admin/orders-table");
const { prettyBody } = await import("@/components/admin/format");
type AdminEvent = import("@/lib/admin/orders").AdminEvent;

const at = new Date("2026-03-10T01:02:03Z");

function event(overrides: Partial<AdminEvent>): AdminEvent {
  return {
    id: 1,
    kind: "notification",
    direction: "in",
    orderId: 7,
    attemptId: 3,
    requestId: "req-1",
    inboxKey: null,
    effect: null,
    requestBodyBytes: null,
    requestBodySha256: null,
    signatureCheck: null,
    method: "POST",
    url: "/api/doku/notifications",
    httpStatus: 200,
    signatureValid: true,
    requestHeaders: { "Request-Id": "req-1", Signature: "HMACSHA256=abc…" },
    requestBody: '{"order":{"invoice_number":"INV-1","amount":440000}}',
    responseHeaders: null,
    responseBody: null,
    durationMs: null,
    outcome: "paid",
    flagged: false,
    reviewedAt: null,
    createdAt: at,
    ...overrides,
  };
}

const attempts = [{ id: 3, invoiceNumber: "INV-1" }] as Parameters<typeof OrderTimeline>[0]["attempts"];

describe("OrderTimeline", () => {
  it("renders each event with its kind, outcome, direction, time in WIB and pretty JSON", () => {
    const html = renderToStaticMarkup(createElement(OrderTimeline, { orderId: 7, attempts, events: [event({})] }));
    expect(html).toContain('data-testid="admin-timeline"');
    expect(html).toContain('data-testid="timeline-event" data-kind="notification" data-outcome="paid"');
    expect(html).toContain("← DOKU");
    expect(html).toContain("10 Mar 2026, 08:02:03 WIB");
    expect(html).toContain("✓ valid");
    expect(html).toContain("{\n  &quot;order&quot;: {\n    &quot;invoice_number&quot;: &quot;INV-1&quot;");
    expect(html).not.toContain("Mark reviewed");
  });

  it("says what the response-signature check compared when DOKU's answer did not verify, and a kept-in-part body's size", () => {
    const failed = event({
      kind: "check_status",
      direction: "out",
      signatureValid: false,
      flagged: true,
      outcome: "error:bad_signature",
      signatureCheck: {
        valid: false,
        variant: null,
        problem: "the Signature matches none of the 2 component string(s) tried",
        headers: { "Client-Id": true, "Request-Id": true, "Response-Timestamp": true, Signature: true },
        tried: ["Client-Id:MCH-1\nRequest-Id:r-1\nResponse-Timestamp:T\nRequest-Target:/orders/v1/status/INV-1\nDigest:abc=", "Client-Id:MCH-1\nRequest-Id:r-1\nResponse-Timestamp:T\nRequest-Target:/orders/v1/status/INV-1"],
      },
    });
    const html = renderToStaticMarkup(createElement(OrderTimeline, { orderId: 7, attempts, events: [failed] }));
    expect(html).toContain('data-testid="signature-problem"');
    expect(html).toContain("the Signature matches none of the 2 component string(s) tried");
    expect(html).toContain("Signature present");
    expect(html).toContain("Component string tried (2 of 2)");
    expect(html).toContain("Request-Target:/orders/v1/status/INV-1\nDigest:abc=");
    const verified = renderToStaticMarkup(createElement(OrderTimeline, { orderId: 7, attempts, events: [event({ requestBody: "x".repeat(512), requestBodyBytes: 60_000, requestBodySha256: "ab12" })] }));
    expect(verified).not.toContain("signature-problem");
    expect(verified).toContain("first 512 of 60000 bytes kept; SHA-256 ab12");
  });

  it("escapes bodies and headers instead of interpreting them", () => {
    const html = renderToStaticMarkup(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [event({ requestBody: "<script>alert(1)</script>", requestHeaders: { "X-Evil": "<img src=x onerror=alert(1)>" }, signatureValid: false, outcome: "rejected:signature", flagged: true })],
      }),
    );
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("✗ invalid");
  });

  it("flags stand out with a Mark reviewed button until reviewed", () => {
    const open = renderToStaticMarkup(createElement(OrderTimeline, { orderId: 7, attempts, events: [event({ flagged: true, outcome: "flagged:amount_mismatch" })] }));
    expect(open).toContain("Flagged: flagged:amount_mismatch");
    expect(open).toContain("border-l-red-600");
    expect(open).toContain("Mark reviewed");
    const done = renderToStaticMarkup(
      createElement(OrderTimeline, { orderId: 7, attempts, events: [event({ flagged: true, outcome: "flagged:amount_mismatch", reviewedAt: at })] }),
    );
    expect(done).not.toContain("Mark reviewed");
    expect(done).toContain("Reviewed");
  });

  it("pretty-prints only JSON", () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("not json")).toBe("not json");
  });
});

describe("RevenueChart and OrdersTable", () => {
  it("draws bars, dots, labels and a text summary", () => {
    const days = Array.from({ length: 14 }, (_, i) => ({
      date: `2026-03-${String(i + 1).padStart(2, "0")}`,
      revenue: i === 4 ? 440_000 : 0,
      paidOrders: i === 4 ? 1 : 0,
      orders: i % 3,
    }));
    const html = renderToStaticMarkup(
      createElement(RevenueChart, {
        series: { from: "2026-03-01", to: "2026-03-14", clipped: false, days, totalRevenue: 440_000, totalPaidOrders: 1, totalOrders: 13 },
      }),
    );
    expect(html).toContain("<title id=\"chart-title\">Paid revenue per day</title>");
    expect(html).toContain("1 Mar 2026 to 14 Mar 2026: Rp 440.000 paid revenue from 1 paid order; 13 orders created. Best day: 5 Mar with Rp 440.000.");
    expect(html.match(/<circle/g)?.length).toBeGreaterThanOrEqual(14);
    expect(html).toContain("Rp 500.000");
    expect(niceCeiling(440_000)).toBe(500_000);
    expect(niceCeiling(120_000)).toBe(200_000);
    expect(niceCeiling(2_100_000)).toBe(2_500_000);
  });

  it("an all-zero range still renders", () => {
    const days = [{ date: "2026-03-01", revenue: 0, paidOrders: 0, orders: 0 }];
    const html = renderToStaticMarkup(
      createElement(RevenueChart, { series: { from: "2026-03-01", to: "2026-03-01", clipped: false, days, totalRevenue: 0, totalPaidOrders: 0, totalOrders: 0 } }),
    );
    expect(html).toContain("Rp 0 paid revenue");
    expect(html).not.toContain("NaN");
  });

  it("lists orders with reference links, badges and an empty state", () => {
    const row = {
      id: 12,
      token: "abcdefgh12345678abcdefgh12345678",
      createdAt: at,
      customerName: "Siti Rahma",
      email: "siti@example.com",
      status: "paid" as const,
      total: 440_000,
      latestInvoice: "INV-1",
      latestAttemptStatus: "paid" as const,
      flaggedEvents: 1,
      unreviewedFlags: 1,
    };
    const html = renderToStaticMarkup(createElement(OrdersTable, { list: { rows: [row], total: 1, page: 1, pageCount: 1, pageSize: 20 }, filtered: false }));
    expect(html).toContain('href="/admin/orders/12"');
    expect(html).toContain(">ABCDEFGH<");
    expect(html).toContain("Rp 440.000");
    expect(html).toContain("Needs review");
    expect(html).toContain('scope="col"');
    const empty = renderToStaticMarkup(createElement(OrdersTable, { list: { rows: [], total: 0, page: 1, pageCount: 1, pageSize: 20 }, filtered: true }));
    expect(empty).toContain("No orders match these filters.");
  });
});
