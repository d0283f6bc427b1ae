// Server-rendered shop components, inside next-intl's provider as the root layout gives it: the
// English copy is what the Playwright specs find elements by (e2e/*.spec.ts), so it must read as
// it did before the shop spoke Indonesian; Indonesian is the default everyone else sees.
import { type ComponentProps, createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

const { NextIntlClientProvider, createTranslator } = await import("next-intl");
const { messages } = await import("@/lib/i18n/messages");
const { SummaryRows } = await import("@/components/cart/cart-summary");
const { useCartProblemText } = await import("@/components/cart/cart-problem");
const { OrderStatusPanel } = await import("@/components/orders/order-status");
const { PaymentTimeline } = await import("@/components/orders/payment-timeline");
const { OrderSummary } = await import("@/components/orders/order-summary");
const { CheckoutForm } = await import("@/components/checkout/checkout-form");
type Locale = import("@/lib/i18n/locales").Locale;
type CartProblem = import("@/lib/cart/problems").CartProblem;
type ShopperOrder = import("@/lib/orders/queries").ShopperOrder;

function render(element: ReactElement, locale: Locale = "en"): string {
  const config = { locale, messages: messages[locale], timeZone: "Asia/Jakarta" } as ComponentProps<typeof NextIntlClientProvider>;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, config, element));
}

/** The text a screen reader or Playwright's getByText sees: tags gone, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

const at = new Date("2026-03-10T01:02:03Z");

describe("the summary rows", () => {
  const props = { subtotal: 250_000, shipping: [{ key: "s", sellerName: "Batik Sekar", fee: 20_000 }], total: 270_000, totalTestId: "t" };
  it("names each seller's shipping in the shopper's language", () => {
    expect(text(render(createElement(SummaryRows, props)))).toContain("Shipping from Batik SekarRp 20.000");
    expect(text(render(createElement(SummaryRows, props), "id"))).toContain("Ongkos kirim dari Batik SekarRp 20.000");
  });
  it("says a digital-only order ships free", () => {
    const digital = { ...props, shipping: [], total: 250_000, digitalOnly: true };
    expect(text(render(createElement(SummaryRows, digital)))).toContain("ShippingFree · digital delivery");
    expect(text(render(createElement(SummaryRows, digital), "id"))).toContain("Ongkos kirimGratis · produk digital");
  });
});

describe("the cart's refusals", () => {
  function Words({ problem }: { problem: CartProblem }) {
    return useCartProblemText()(problem);
  }
  it.each<[CartProblem, string, string]>([
    [{ code: "productUnavailable" }, "This product is no longer available.", "Maaf, produk ini sudah tidak tersedia."],
    [{ code: "quantityRequired" }, "Enter a quantity", "Masukkan jumlah"],
    [{ code: "quantityWhole" }, "Quantity must be a whole number", "Jumlah harus bilangan bulat"],
    [{ code: "quantityMin", min: 1 }, "Quantity must be at least 1", "Jumlah minimal 1"],
    [{ code: "quantityMax", max: 99 }, "You can buy at most 99 of one item", "Maksimal pembelian 99 per barang"],
    [
      { code: "quantityMaxInCart", max: 99, inCart: 2 },
      "You can buy at most 99 of one item (2 already in your cart).",
      "Maksimal pembelian 99 per barang (2 sudah ada di keranjangmu).",
    ],
  ])("%j", (problem, en, id) => {
    expect(render(createElement(Words, { problem }))).toBe(en);
    expect(render(createElement(Words, { problem }), "id")).toBe(id);
  });
});

describe("the order's status", () => {
  it("says what a failed payment means, and uses the common status words", () => {
    const failed = { status: "failed", payment: null } as const;
    const en = text(render(createElement(OrderStatusPanel, { order: failed })));
    expect(en).toBe("Payment failedWe could not start or complete the Kredivo payment. Your order is saved — you can try again.");
    expect(text(render(createElement(OrderStatusPanel, { order: failed }), "id"))).toMatch(/^Pembayaran gagalPembayaran Kredivo tidak dapat/);
  });
  it("treats a pending order whose payment never started as one to try again", () => {
    const payment = { status: "rejected", resumeUrl: null, expiresAt: null, startFailed: true } as const;
    expect(text(render(createElement(OrderStatusPanel, { order: { status: "pending", payment } })))).toMatch(/^Awaiting paymentWe could not start/);
  });
});

describe("the payment timeline", () => {
  it("words each event from its code, with the time in the shop's zone", () => {
    const entries: ShopperOrder["timeline"] = [
      { at, event: "placed", source: null, tone: "neutral" },
      { at, event: "payment_not_started", source: null, tone: "bad" },
      { at, event: "paid", source: "notification", tone: "good" },
      { at, event: "expired", source: "check", tone: "bad" },
    ];
    const en = text(render(createElement(PaymentTimeline, { entries })));
    expect(en).toBe(
      "Payment timeline" +
        "Order placed10 Mar 2026, 08:02 WIB" +
        "Kredivo payment could not be started10 Mar 2026, 08:02 WIB" +
        "DOKU confirmed payment received10 Mar 2026, 08:02 WIB" +
        "DOKU status check: payment link expired10 Mar 2026, 08:02 WIB",
    );
    const id = text(render(createElement(PaymentTimeline, { entries }), "id"));
    expect(id).toContain("Pesanan dibuat");
    expect(id).toContain("Konfirmasi DOKU: pembayaran diterima");
    expect(id).toContain("Cek status DOKU: link pembayaran kedaluwarsa");
  });
});

describe("the order summary", () => {
  const order: Pick<ShopperOrder, "items" | "subtotal" | "total" | "shippingAddress"> = {
    items: [
      { kind: "product", name: "Batik Tulis Parang Shirt", sellerName: "Batik Sekar", unitPrice: 125_000, quantity: 2, lineTotal: 250_000 },
      { kind: "shipping", name: "Shipping from Batik Sekar", sellerName: "Batik Sekar", unitPrice: 20_000, quantity: 1, lineTotal: 20_000 },
    ],
    subtotal: 250_000,
    total: 270_000,
    shippingAddress: { firstName: "Siti", lastName: "Rahayu", address: "Jl. Malioboro 52", city: "Yogyakarta", postalCode: "55271", phone: "6281311112222", countryCode: "IDN" },
  };
  it("shows quantities, the seller's shipping and the address", () => {
    const en = text(render(createElement(OrderSummary, { order })));
    expect(en).toContain("2 × Rp 125.000");
    expect(en).toContain("Shipping from Batik Sekar");
    expect(en).toContain("Yogyakarta 55271IndonesiaPhone: 6281311112222");
    const id = text(render(createElement(OrderSummary, { order }), "id"));
    expect(id).toContain("Ongkos kirim dari Batik Sekar");
    expect(id).toContain("No. HP: 6281311112222");
  });
  it("falls back to the stored line when the seller is unknown", () => {
    const unknown = { ...order, items: [{ ...order.items[1]!, sellerName: null }] };
    expect(text(render(createElement(OrderSummary, { order: unknown }), "id"))).toContain("Shipping from Batik Sekar");
  });
});

describe("the checkout form", () => {
  const summary = { items: [], shipping: [], subtotal: 0, total: 0 };
  const form = createElement(CheckoutForm, { checkoutKey: "k", summary, placeOrderAction: async () => ({}) });
  it("keeps the English labels the specs fill in", () => {
    const html = render(form);
    for (const label of ["First name", "Last name (optional)", "Email", "Mobile number", "Street address", "City", "Postal code", "Phone for the courier", "Billing address same as shipping"]) {
      expect(html, label).toContain(`>${label}</label>`);
    }
    expect(html).toContain(">Pay with Kredivo</button>");
  });
  it("reads as an Indonesian shop by default", () => {
    const html = render(form, "id");
    expect(html).toContain(">Nomor HP untuk kurir</label>");
    expect(html).toContain(">Bayar dengan Kredivo</button>");
  });
});

describe("messages with counts", () => {
  const en = createTranslator({ locale: "en", messages: messages.en, namespace: "shop" });
  const id = createTranslator({ locale: "id", messages: messages.id, namespace: "shop" });
  it("the cart badge's word", () => {
    expect([en("layout.cartItems", { count: 1 }), en("layout.cartItems", { count: 3 })]).toEqual(["item", "items"]);
    expect([id("layout.cartItems", { count: 1 }), id("layout.cartItems", { count: 3 })]).toEqual(["barang", "barang"]);
  });
  it("the payment limit, as the specs match it", () => {
    expect(en("checkout.problem.tooManyAttempts", { minutes: 60 })).toMatch(/^You have started several payments in a short time\. Please wait 60 minutes and try again/);
    expect(en("checkout.problem.tooManyAttempts", { minutes: 1 })).toContain("Please wait 1 minute and");
    expect(id("checkout.problem.tooManyAttempts", { minutes: 5 })).toContain("Tunggu 5 menit lalu coba lagi");
  });
  it("the order's confirmation line, true to when the email goes out", () => {
    const placed = (status: string) => en.rich("order.placed", { status, email: "siti@example.com", time: () => "T" });
    expect(placed("pending")).toBe("Placed T · confirmation goes to siti@example.com once the payment is confirmed");
    expect(placed("paid")).toBe("Placed T · confirmation sent to siti@example.com");
  });
  it("items no longer sold", () => {
    expect(en("cart.unavailable", { names: "A", count: 1 })).toBe("A is no longer sold and will not be ordered.");
    expect(en("cart.unavailable", { names: "A and B", count: 2 })).toBe("A and B are no longer sold and will not be ordered.");
    expect(id("cart.unavailable", { names: "A dan B", count: 2 })).toBe("A dan B sudah tidak dijual dan tidak akan ikut dipesan.");
  });
});
