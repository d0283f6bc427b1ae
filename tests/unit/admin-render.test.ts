// Server-rendered back-office components with recorded data: the timeline escapes what DOKU (or
// an attacker) sent, carries its test hooks and shows flags; the chart, tables and the order's
// emails render. Each is
// rendered inside next-intl's provider as the back office's layout gives it: in English (the copy
// the e2e specs find elements by) unless a test asks for Indonesian, in the shop's zone.
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The server-action modules pull in next-auth; the components only need a function reference.
vi.mock("@/app/[locale]/admin/(office)/orders/[id]/actions", () => ({
  checkStatusAction: vi.fn(),
  markReviewedAction: vi.fn(),
  resendEmailAction: vi.fn(),
}));
vi.mock("@/app/[locale]/admin/actions", () => ({ signOutAction: vi.fn() }));

const { OrderTimeline } = await import("@/components/admin/order-timeline");
const { RevenueChart, niceCeiling } = await import("@/components/admin/revenue-chart");
const { OrdersTable } = await import("@/components/admin/orders-table");
const { ExportForm } = await import("@/components/admin/export-form");
const { parseOrderFilter } = await import("@/lib/admin/filter");
const { OrderEmails } = await import("@/components/admin/order-emails");
const { StockTable } = await import("@/components/admin/stock-table");
const { RefundPanel } = await import("@/components/admin/refund-panel");
const { prettyBody } = await import("@/components/admin/format");
const { checkStatusValues, describeCheckStatus } = await import("@/lib/admin/check-status-message");
const { createTranslator, NextIntlClientProvider } = await import("next-intl");
const { messages } = await import("@/lib/i18n/messages");
type AdminEvent = import("@/lib/admin/orders").AdminEvent;
type OrderEmailRow = import("@/lib/admin/emails").OrderEmailRow;
type Locale = import("@/lib/i18n/locales").Locale;
type ShopTimeZone = import("@/lib/time-zone").ShopTimeZone;

function render(
  element: ReactElement,
  { locale = "en", zone = "Asia/Jakarta" }: { locale?: Locale; zone?: ShopTimeZone } = {},
): string {
  const config = { locale, messages: messages[locale], timeZone: zone } as ComponentProps<
    typeof NextIntlClientProvider
  >;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, config, element));
}

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

const attempts = [{ id: 3, invoiceNumber: "INV-1" }] as Parameters<
  typeof OrderTimeline
>[0]["attempts"];

describe("OrderTimeline", () => {
  it("renders each event with its kind, outcome, direction, time in WIB and pretty JSON", () => {
    const html = render(
      createElement(OrderTimeline, { orderId: 7, attempts, events: [event({})] }),
    );
    expect(html).toContain('data-testid="admin-timeline"');
    expect(html).toContain(
      'data-testid="timeline-event" data-kind="notification" data-outcome="paid"',
    );
    expect(html).toContain("← DOKU");
    expect(html).toContain("10 Mar 2026, 08:02:03 WIB");
    expect(html).toContain("✓ valid");
    expect(html).toContain(
      "{\n  &quot;order&quot;: {\n    &quot;invoice_number&quot;: &quot;INV-1&quot;",
    );
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
        headers: {
          "Client-Id": true,
          "Request-Id": true,
          "Response-Timestamp": true,
          Signature: true,
        },
        tried: [
          "Client-Id:MCH-1\nRequest-Id:r-1\nResponse-Timestamp:T\nRequest-Target:/orders/v1/status/INV-1\nDigest:abc=",
          "Client-Id:MCH-1\nRequest-Id:r-1\nResponse-Timestamp:T\nRequest-Target:/orders/v1/status/INV-1",
        ],
      },
    });
    const html = render(createElement(OrderTimeline, { orderId: 7, attempts, events: [failed] }));
    expect(html).toContain('data-testid="signature-problem"');
    expect(html).toContain("the Signature matches none of the 2 component string(s) tried");
    expect(html).toContain("Signature present");
    expect(html).toContain("Component string tried (2 of 2)");
    expect(html).toContain("Request-Target:/orders/v1/status/INV-1\nDigest:abc=");
    const verified = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [
          event({
            requestBody: "x".repeat(512),
            requestBodyBytes: 60_000,
            requestBodySha256: "ab12",
          }),
        ],
      }),
    );
    expect(verified).not.toContain("signature-problem");
    expect(verified).toContain("first 512 of 60000 bytes kept; SHA-256 ab12");
  });

  it("escapes bodies and headers instead of interpreting them", () => {
    const html = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [
          event({
            requestBody: "<script>alert(1)</script>",
            requestHeaders: { "X-Evil": "<img src=x onerror=alert(1)>" },
            signatureValid: false,
            outcome: "rejected:signature",
            flagged: true,
          }),
        ],
      }),
    );
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("✗ invalid");
  });

  it("flags stand out with a Mark reviewed button until reviewed", () => {
    const open = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [event({ flagged: true, outcome: "flagged:amount_mismatch" })],
      }),
    );
    expect(open).toContain("Flagged: flagged:amount_mismatch");
    expect(open).toContain("border-l-red-600");
    expect(open).toContain("Mark reviewed");
    const done = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [event({ flagged: true, outcome: "flagged:amount_mismatch", reviewedAt: at })],
      }),
    );
    expect(done).not.toContain("Mark reviewed");
    expect(done).toContain("Reviewed");
  });

  it("speaks Indonesian and shows times in the shop's zone, WITA included", () => {
    const html = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [event({ flagged: true, outcome: "flagged:amount_mismatch" })],
      }),
      {
        locale: "id",
        zone: "Asia/Makassar",
      },
    );
    expect(html).toContain("Riwayat pembayaran");
    expect(html).toContain("Waktu dalam WITA.");
    expect(html).toContain("10 Mar 2026, 09:02:03 WITA");
    expect(html).not.toContain("WIB");
    expect(html).toContain("Diterima dari DOKU");
    expect(html).toContain("notifikasi");
    expect(html).toContain("Tandai sudah ditinjau");
    expect(html).toContain("✓ valid");
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
      paid: i === 4 ? 500_000 : 0,
      refunded: i === 4 ? 60_000 : 0,
      paidOrders: i === 4 ? 1 : 0,
      orders: i % 3,
    }));
    const html = render(
      createElement(RevenueChart, {
        series: {
          from: "2026-03-01",
          to: "2026-03-14",
          clipped: false,
          days,
          totalRevenue: 440_000,
          totalPaid: 500_000,
          totalRefunded: 60_000,
          totalPaidOrders: 1,
          totalOrders: 13,
        },
      }),
    );
    expect(html).toContain('<title id="chart-title">Paid revenue per day</title>');
    expect(html).toContain(
      "1 Mar 2026 to 14 Mar 2026: Rp 500.000 paid, Rp 60.000 refunded, Rp 440.000 net, from 1 paid order; 13 orders created. Best day: 5 Mar with Rp 440.000.",
    );
    expect(html.match(/<circle/g)?.length).toBeGreaterThanOrEqual(14);
    expect(html).toContain("Rp 500.000");
    expect(niceCeiling(440_000)).toBe(500_000);
    expect(niceCeiling(120_000)).toBe(200_000);
    expect(niceCeiling(2_100_000)).toBe(2_500_000);
  });

  it("an all-zero range still renders", () => {
    const days = [
      { date: "2026-03-01", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 0 },
    ];
    const html = render(
      createElement(RevenueChart, {
        series: {
          from: "2026-03-01",
          to: "2026-03-01",
          clipped: false,
          days,
          totalRevenue: 0,
          totalPaid: 0,
          totalRefunded: 0,
          totalPaidOrders: 0,
          totalOrders: 0,
        },
      }),
    );
    expect(html).toContain("Rp 0 paid, Rp 0 refunded, Rp 0 net");
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
      fulfilment: "partly_shipped" as const,
      total: 440_000,
      refundedTotal: 0,
      latestInvoice: "INV-1",
      latestAttemptStatus: "paid" as const,
      flaggedEvents: 1,
      unreviewedFlags: 1,
    };
    const html = render(
      createElement(OrdersTable, {
        list: { rows: [row], total: 1, totalCapped: false, page: 1, pageCount: 1, pageSize: 20 },
        filtered: false,
      }),
    );
    expect(html).toContain('href="/admin/orders/12"');
    expect(html).toContain(">ABCDEFGH<");
    expect(html).toContain("Rp 440.000");
    expect(html).not.toContain('data-testid="order-row-net"');
    const refunded = render(
      createElement(OrdersTable, {
        list: {
          rows: [{ ...row, refundedTotal: 40_000 }],
          total: 1,
          totalCapped: false,
          page: 1,
          pageCount: 1,
          pageSize: 20,
        },
        filtered: false,
      }),
    );
    expect(refunded).toContain("Rp 40.000 refunded · net Rp 400.000");
    expect(html).toContain("Needs review");
    expect(html).toContain("Partly shipped");
    expect(html).toContain('scope="col"');
    expect(html).toContain("Date (WIB)");
    expect(html).toContain(">10 Mar 2026, 08:02</time>");
    const empty = render(
      createElement(OrdersTable, {
        list: { rows: [], total: 0, totalCapped: false, page: 1, pageCount: 1, pageSize: 20 },
        filtered: true,
      }),
    );
    expect(empty).toContain("No orders match these filters.");
    const wita = render(
      createElement(OrdersTable, {
        list: { rows: [row], total: 1, totalCapped: false, page: 1, pageCount: 1, pageSize: 20 },
        filtered: false,
      }),
      {
        locale: "id",
        zone: "Asia/Makassar",
      },
    );
    expect(wita).toContain("Tanggal (WITA)");
    expect(wita).toContain(">10 Mar 2026, 09:02</time>");
    expect(wita).toContain("Perlu ditinjau");
    expect(wita).toContain("Lunas");
    const capped = render(
      createElement(OrdersTable, {
        list: {
          rows: [row],
          total: 10_000,
          totalCapped: true,
          page: 1,
          pageCount: 501,
          pageSize: 20,
        },
        filtered: false,
      }),
    );
    expect(capped).toContain("1–1 of more than 10,000");
  });

  it("lists each product's stock and held units, its state in words, in either language", () => {
    const rows = [
      {
        slug: "lintas-x5-smartphone",
        name: "Lintas X5",
        active: true,
        stock: 0,
        held: 3,
        maxPerOrder: 2,
      },
      {
        slug: "batik-kawung-tote",
        name: "Kawung Tote",
        active: true,
        stock: 5,
        held: 0,
        maxPerOrder: null,
      },
      {
        slug: "java-preanger-arabica-250g",
        name: "Arabica",
        active: true,
        stock: 6,
        held: 1,
        maxPerOrder: null,
      },
      { slug: "old-mug", name: "Old mug", active: false, stock: 1200, held: 0, maxPerOrder: null },
    ];
    const html = render(createElement(StockTable, { rows }));
    const row = (slug: string) =>
      html.slice(
        html.indexOf(`data-slug="${slug}"`),
        html.indexOf("</tr>", html.indexOf(`data-slug="${slug}"`)),
      );
    expect(row("lintas-x5-smartphone")).toMatch(
      /stock-available">0<.*stock-held">3<.*stock-max-per-order">2<.*Sold out/,
    );
    expect(row("batik-kawung-tote")).toContain('stock-max-per-order">—<');
    expect(row("batik-kawung-tote")).toContain("Only a few left");
    expect(row("java-preanger-arabica-250g")).toMatch(
      /stock-available">6<.*stock-held">1<.*In stock/,
    );
    expect(row("old-mug")).toMatch(/stock-available">1\.200<.*Not on sale/);
    const id = render(createElement(StockTable, { rows }), { locale: "id" });
    expect(id).toContain("Ditahan pesanan belum dibayar");
    expect(id).toContain("Stok habis");
    expect(id).toContain("Tinggal sedikit");
  });

  it("labels the chart's days in the staff member's language", () => {
    const days = [
      { date: "2026-08-04", revenue: 0, paid: 0, refunded: 0, paidOrders: 0, orders: 1 },
      {
        date: "2026-08-05",
        revenue: 250_000,
        paid: 250_000,
        refunded: 0,
        paidOrders: 2,
        orders: 2,
      },
    ];
    const series = {
      from: "2026-08-04",
      to: "2026-08-05",
      clipped: false,
      days,
      totalRevenue: 250_000,
      totalPaid: 250_000,
      totalRefunded: 0,
      totalPaidOrders: 2,
      totalOrders: 3,
    };
    expect(render(createElement(RevenueChart, { series }), { locale: "id" })).toContain(
      "4 Agu 2026 sampai 5 Agu 2026: Rp 250.000 dibayar, Rp 0 dikembalikan, bersih Rp 250.000, dari 2 pesanan lunas; 3 pesanan dibuat. Hari terbaik: 5 Agu dengan Rp 250.000.",
    );
    expect(render(createElement(RevenueChart, { series }))).toContain(
      "4 Aug 2026 to 5 Aug 2026: Rp 250.000 paid, Rp 0 refunded, Rp 250.000 net, from 2 paid orders; 3 orders created. Best day: 5 Aug with Rp 250.000.",
    );
  });
});

describe("ExportForm", () => {
  it("says how many orders the file holds, or more than the list counted when it stopped", () => {
    const filter = parseOrderFilter({ fulfilment: "shipped" });
    const exact = render(createElement(ExportForm, { filter, count: 1234 }));
    expect(exact).toContain("A CSV file of the 1,234 orders this filter selects");
    expect(exact).toContain('name="fulfilment" value="shipped"');
    expect(render(createElement(ExportForm, { filter, count: 10_000, capped: true }))).toContain(
      "A CSV file of the more than 10,000 orders this filter selects",
    );
    expect(
      render(createElement(ExportForm, { filter, count: 10_000, capped: true }), { locale: "id" }),
    ).toContain("lebih dari 10.000 pesanan");
  });
});

describe("Check Status messages", () => {
  // describeCheckStatus picks a key; the form words it. The English is the copy staff knew.
  // As components/admin/check-status-form.tsx words it.
  const worded = (locale: Locale) => (outcome: Parameters<typeof describeCheckStatus>[0]) => {
    const t = createTranslator({
      locale,
      messages: messages[locale],
      namespace: "admin.checkStatus",
    });
    const message = describeCheckStatus(outcome);
    return t(
      `result.${message.key}`,
      checkStatusValues(message, (status) => t(`status.${status}`)),
    );
  };
  const english = worded("en");
  const indonesian = worded("id");
  const ok = (
    providerStatus: string,
    result: import("@/lib/payments/transitions").TransitionResult,
  ) => ({ ok: true, status: "paid", providerStatus, result }) as const;

  it("reads in English as before", () => {
    expect(english(ok("SUCCESS", { kind: "applied", to: "paid", order: "changed" }))).toBe(
      "DOKU says SUCCESS — order paid",
    );
    expect(english(ok("PENDING", { kind: "no_change" }))).toBe(
      "DOKU says PENDING — still waiting for the shopper, nothing changed",
    );
    expect(english(ok("FAILED", { kind: "applied", to: "failed", order: "superseded" }))).toBe(
      "DOKU says FAILED — attempt marked failed; a newer attempt owns the order, which is unchanged",
    );
    expect(english(ok("FAILED", { kind: "applied", to: "failed", order: "changed" }))).toBe(
      "DOKU says FAILED — order marked failed",
    );
    expect(english(ok("FAILED", { kind: "ignored", attemptStatus: "paid" }))).toBe(
      "DOKU says FAILED — nothing changed (the attempt is paid)",
    );
    expect(english(ok("FAILED", { kind: "ignored", attemptStatus: null }))).toBe(
      "DOKU says FAILED — nothing changed (the attempt is missing)",
    );
    expect(english({ ok: false, reason: "timeout", httpStatus: null })).toBe(
      "DOKU did not answer in time. Nothing changed; try again.",
    );
    expect(english({ ok: false, reason: "http", httpStatus: 503 })).toBe(
      "DOKU answered HTTP 503. Nothing changed.",
    );
    expect(
      english({ ok: false, reason: "recently_checked", httpStatus: null, retryAfterMs: 1000 }),
    ).toBe(
      "DOKU was asked about this attempt moments ago. Nothing changed; try again in 1 second.",
    );
    expect(
      english({ ok: false, reason: "recently_checked", httpStatus: null, retryAfterMs: 4500 }),
    ).toMatch(/try again in 5 seconds\.$/);
  });

  it("words statuses in Indonesian", () => {
    expect(indonesian(ok("SUCCESS", { kind: "applied", to: "paid", order: "changed" }))).toBe(
      "DOKU menjawab SUCCESS — pesanan lunas",
    );
    expect(indonesian(ok("FAILED", { kind: "applied", to: "expired", order: "changed" }))).toBe(
      "DOKU menjawab FAILED — pesanan ditandai kedaluwarsa",
    );
    expect(indonesian(ok("FAILED", { kind: "ignored", attemptStatus: null }))).toMatch(
      /status percobaan: tidak ada\)$/,
    );
    expect(
      indonesian({ ok: false, reason: "recently_checked", httpStatus: null, retryAfterMs: 4500 }),
    ).toMatch(/coba lagi dalam 5 detik\.$/);
  });
});

describe("OrderEmails", () => {
  const email = (overrides: Partial<OrderEmailRow>): OrderEmailRow => ({
    id: 21,
    kind: "order_confirmation",
    recipient: "siti@example.com",
    status: "sent",
    tries: 1,
    lastError: null,
    createdAt: at,
    sentAt: new Date("2026-03-10T01:02:09Z"),
    nextAttemptAt: at,
    resendOf: null,
    lastResponse: "250 2.0.0 OK queued as 4F2A",
    limited: false,
    ...overrides,
  });
  const rows = [
    email({}),
    email({
      id: 22,
      kind: "digital_delivery",
      status: "queued",
      tries: 2,
      sentAt: null,
      nextAttemptAt: new Date("2026-03-10T01:10:00Z"),
      lastError: "connect ECONNREFUSED 127.0.0.1:587",
      lastResponse: "connect ECONNREFUSED 127.0.0.1:587",
    }),
    email({
      id: 23,
      kind: "payment_failed",
      status: "failed",
      tries: 5,
      sentAt: null,
      lastError: "550 5.1.1 <x@example.com>: mailbox unavailable",
      lastResponse: "550 5.1.1",
    }),
    email({
      id: 24,
      kind: "payment_expired",
      status: "sending",
      tries: 0,
      sentAt: null,
      lastResponse: null,
      resendOf: 21,
    }),
  ];
  const resendEmailAction = vi.fn(async () => "queued" as const);
  const panel = (props: Partial<Parameters<typeof OrderEmails>[0]> = {}) =>
    createElement(OrderEmails, {
      orderId: 7,
      emails: rows,
      smtpConfigured: true,
      resendEmailAction,
      ...props,
    });

  it("lists each email with its kind, status, tries, time, answer or error, and a Resend form", () => {
    const html = render(panel());
    expect(html).toContain('aria-labelledby="emails-heading"');
    expect(html).toContain('<h2 id="emails-heading" class="text-base font-semibold">Emails</h2>');
    expect(html).toContain('aria-label="Emails, scrolls sideways"');
    expect(html).toContain(
      'data-testid="email-row" data-kind="order_confirmation" data-status="sent"',
    );
    expect(html).toContain(
      'data-testid="email-row" data-kind="digital_delivery" data-status="queued"',
    );
    for (const words of [
      "Order confirmation",
      "Digital product delivery",
      "Payment failed",
      "Payment expired",
      ">Queued<",
      ">Sending<",
      ">Sent<",
      ">Failed<",
    ]) {
      expect(html).toContain(words);
    }
    expect(html).toContain("ring-green-600/30");
    expect(html).toContain("ring-red-600/30");
    expect(html).toContain("ring-amber-600/30");
    expect(html).toContain("siti@example.com");
    // Sent: when and the server's answer; queued: the next try and the error, not the answer.
    expect(html).toContain(">10 Mar 2026, 08:02:09 WIB</time>");
    expect(html).toContain("Next try");
    expect(html).toContain(">10 Mar 2026, 08:10:00 WIB</time>");
    expect(html).toContain("250 2.0.0 OK queued as 4F2A");
    expect(html).toContain("connect ECONNREFUSED 127.0.0.1:587");
    expect(html).toContain("550 5.1.1 &lt;x@example.com&gt;: mailbox unavailable");
    expect(html.match(/data-testid="email-error"/g)).toHaveLength(2);
    expect(html).toContain("Last error");
    expect(html).toContain("No answer yet");
    expect(html).toContain("resend of #21");
    expect(html.match(/data-testid="email-resend-of"/g)).toHaveLength(1);
    expect(html.match(/<button type="submit"[^>]*>Resend<\/button>/g)).toHaveLength(4);
    expect(html).toContain('<input type="hidden" name="outboxId" value="23"/>');
    expect(html).toContain('<input type="hidden" name="orderId" value="7"/>');
    expect(html).not.toContain("smtp-not-configured");
  });

  it("says when SMTP is not set up, and when there is no email yet", () => {
    const html = render(panel({ emails: [], smtpConfigured: false }));
    expect(html).toContain('data-testid="smtp-not-configured"');
    expect(html).toContain(
      "SMTP_URL is not set: emails are queued, but not sent until SMTP_URL is set.",
    );
    expect(html).toContain("No email for this order yet.");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("Resend</button>");
  });

  it("speaks Indonesian", () => {
    const html = render(panel({ smtpConfigured: false }), { locale: "id", zone: "Asia/Makassar" });
    expect(html).toContain('<h2 id="emails-heading" class="text-base font-semibold">Email</h2>');
    for (const words of [
      "Konfirmasi pesanan",
      "Pengiriman produk digital",
      "Pembayaran gagal",
      "Pembayaran kedaluwarsa",
      ">Antre<",
      ">Sedang dikirim<",
      ">Terkirim<",
      ">Gagal<",
    ]) {
      expect(html).toContain(words);
    }
    expect(html).toContain("Coba berikutnya");
    expect(html).toContain(">10 Mar 2026, 09:10:00 WITA</time>");
    expect(html).toContain("Error terakhir");
    expect(html).toContain("connect ECONNREFUSED 127.0.0.1:587");
    expect(html).toContain("kiriman ulang dari #21");
    expect(html).toContain("SMTP_URL belum diatur");
    expect(html.match(/<button type="submit"[^>]*>Kirim ulang<\/button>/g)).toHaveLength(4);
    expect(html).not.toContain("Resend");
  });

  it("words an email the daily cap kept back, in both languages, with its Resend", () => {
    const kept = email({
      id: 25,
      kind: "payment_failed",
      status: "failed",
      tries: 0,
      sentAt: null,
      lastError: "limited: the address had reached its daily email limit",
      lastResponse: null,
      limited: true,
    });
    const en = render(panel({ emails: [kept] }));
    expect(en).toContain(
      'data-testid="email-row" data-kind="payment_failed" data-status="limited"',
    );
    expect(en).toContain(">Kept back: daily limit<");
    expect(en).toContain(
      "Not sent: this address had reached its daily email limit (MAIL_RECIPIENT_DAILY_LIMIT). Resend to send it anyway.",
    );
    expect(en).not.toContain(">Failed<");
    expect(en).not.toContain('data-testid="email-error"');
    expect(en.match(/<button type="submit"[^>]*>Resend<\/button>/g)).toHaveLength(1);
    const id = render(panel({ emails: [kept] }), { locale: "id", zone: "Asia/Jakarta" });
    expect(id).toContain(">Ditahan: batas harian<");
    expect(id).toContain("Tidak dikirim: alamat ini sudah mencapai batas email per hari");
  });

  it("counts unsent emails in both languages", () => {
    const t = (locale: Locale) =>
      createTranslator({ locale, messages: messages[locale], namespace: "admin.emails" });
    expect(t("en")("unsent", { count: 1 })).toBe("1 email not sent yet");
    expect(t("en")("unsent", { count: 3 })).toBe("3 emails not sent yet");
    expect(t("id")("unsent", { count: 3 })).toBe("3 email belum terkirim");
  });
});

describe("the activity log's views", () => {
  type ActivityRow = import("@/lib/admin/activity").ActivityRow;
  const entry = (overrides: Partial<ActivityRow>): ActivityRow => ({
    id: 1,
    createdAt: new Date("2026-03-10T01:02:04Z"),
    actorId: 5,
    actorName: "Rina",
    actorRole: "staff",
    action: "order.email_resent",
    subjectType: "order",
    subjectId: "7",
    subjectEmail: null,
    subjectReference: "3FA27D5D",
    before: null,
    after: { outboxId: 3, kind: "order_confirmation", newOutboxId: 9 },
    clientAddress: "203.0.113.9",
    ...overrides,
  });

  it("sets people's actions between DOKU's exchanges in time order, each with who did it", () => {
    const html = render(
      createElement(OrderTimeline, {
        orderId: 7,
        attempts,
        events: [event({ id: 1 }), event({ id: 2, createdAt: new Date("2026-03-10T01:02:05Z") })],
        activity: [entry({})],
      }),
    );
    const order = [...html.matchAll(/data-testid="(timeline-event|timeline-activity)"/g)].map(
      (m) => m[1],
    );
    expect(order).toEqual(["timeline-event", "timeline-activity", "timeline-event"]);
    expect(html).toContain("Resent an email");
    expect(html).toContain("Rina");
    expect(html).toContain("Back office");
    expect(html).toContain("from 203.0.113.9");
    expect(html).toContain("Order confirmation");
  });

  it("shows a refused sign-in's typed email as text, its reason in words, and nobody as the actor", async () => {
    const { ActivityTable } = await import("@/components/admin/activity-table");
    const list = {
      rows: [
        entry({
          actorId: null,
          actorName: null,
          actorRole: null,
          action: "auth.sign_in_failed",
          subjectType: null,
          subjectId: null,
          after: { email: '<img src=x onerror="alert(1)">', reason: "wrong_password" },
        }),
        entry({ id: 2, action: "auth.sign_in", subjectType: "account", subjectId: "5" }),
        entry({ id: 3 }),
        entry({
          id: 4,
          action: "access.refused",
          subjectType: null,
          subjectId: null,
          after: { action: "account.invited", needs: "owner" },
        }),
      ],
      total: 4,
      page: 1,
      pageCount: 1,
      pageSize: 50,
    };
    const html = render(createElement(ActivityTable, { list, filtered: false }), { locale: "id" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x");
    expect(html).toContain("kata sandi salah");
    expect(html).toContain("Tanpa akun masuk");
    expect(html).toContain("Gagal masuk");
    expect(html).toContain("Akun #5 (dihapus)");
    expect(html).toContain('href="/admin/orders/7"');
    expect(html).toContain("Pesanan 3FA27D5D");
    // A refusal names the action refused and the role it needs, in words.
    expect(html).toContain("Mengundang seseorang");
    expect(html).toContain("Pemilik");
  });
});

describe("RefundPanel", () => {
  const order = {
    id: 41,
    status: "paid",
    total: 415_000,
    refundedTotal: 150_000,
    paidAt: at,
    cancelledAt: null,
  } as unknown as import("@/lib/admin/orders").AdminOrder;
  const refund = (id: number, state: "requested" | "completed") =>
    ({
      id,
      orderId: 41,
      attemptId: 3,
      invoiceNumber: "INV-41",
      state,
      amount: 150_000,
      full: false,
      lines: [],
      adjustment: 0,
      reason: "torn",
      restock: false,
      requestedById: 1,
      requestedByName: "Owner",
      completedAt: state === "completed" ? at : null,
      completedVia: state === "completed" ? "owner" : null,
      completedById: null,
      completedByName: null,
      providerReference: null,
      eventId: null,
      createdAt: at,
    }) as import("@/lib/refunds/queries").RefundRow;
  const panel = (o: typeof order, refunds: ReturnType<typeof refund>[]) =>
    render(
      createElement(RefundPanel, {
        order: o,
        items: [],
        refunds,
        role: "staff",
        shipped: false,
        windowDays: 14,
        now: at,
        actions: {
          cancelUnpaid: vi.fn(),
          cancelPaid: vi.fn(),
          requestRefund: vi.fn(),
          confirmRefund: vi.fn(),
        },
      }),
    );

  it("says cancelled only while the order is; paid after a cancel it is a paid order again", () => {
    expect(panel({ ...order, cancelledAt: at }, [])).toContain('data-testid="order-cancelled"');
    const paid = panel(order, []);
    expect(paid).not.toContain('data-testid="order-cancelled"');
    expect(paid).toContain("Rp 265.000");
  });

  it("tells the owner a second refund is confirmed with DOKU's reference", () => {
    const first = panel(order, [refund(1, "requested")]);
    expect(first).toContain("this refund completes by itself");
    expect(first).not.toContain("first refund");
    const second = panel(order, [refund(1, "completed"), refund(2, "requested")]);
    expect(second).toContain("This is not the order&#x27;s first refund");
  });
});
