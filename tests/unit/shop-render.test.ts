// Server-rendered shop components, inside next-intl's provider as a request gives them their
// language, and the words the server hands the shop's client components and answers from its
// actions (next-intl/server stands in for the request here): the English copy is what the
// Playwright specs find elements by (e2e/*.spec.ts), so it must read as it did before the shop
// spoke Indonesian; Indonesian is the default everyone else sees.
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

const { NextIntlClientProvider, createTranslator, createFormatter } = await import("next-intl");
const { messages } = await import("@/lib/i18n/messages");
type Locale = import("@/lib/i18n/locales").Locale;

/** The language of the request the server-side functions below answer. */
let requestLocale: Locale = "en";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) =>
    createTranslator({
      locale: requestLocale,
      messages: messages[requestLocale],
      namespace: namespace as "shop",
    }),
  getFormatter: async () => createFormatter({ locale: requestLocale, timeZone: "Asia/Jakarta" }),
}));
async function inLocale<T>(locale: Locale, run: () => Promise<T>): Promise<T> {
  requestLocale = locale;
  try {
    return await run();
  } finally {
    requestLocale = "en";
  }
}

const { SummaryRows } = await import("@/components/cart/cart-summary");
const { cartProblemText } = await import("@/lib/cart/problem-text");
const { wordedProblem } = await import("@/lib/checkout/problem-text");
const checkoutProblemText = async (problem: Parameters<typeof wordedProblem>[0]) =>
  (await wordedProblem(problem)).message;
const { checkoutFormWords } = await import("@/components/checkout/checkout-words");
const { cartLineWords } = await import("@/components/cart/cart-line-words");
const { CartLineStock } = await import("@/components/cart/cart-line-stock");
const { OrderStatusPanel } = await import("@/components/orders/order-status");
const { PaymentTimeline } = await import("@/components/orders/payment-timeline");
const { OrderSummary } = await import("@/components/orders/order-summary");
const { CheckoutForm } = await import("@/components/checkout/checkout-form");
const { CheckoutSummaryList } = await import("@/components/checkout/checkout-summary");
const { StockNote } = await import("@/components/shop/stock-note");
const { ProductCard } = await import("@/components/shop/product-card");
const { AddToCartForm } = await import("@/components/shop/add-to-cart-form");
const { CartLineControls } = await import("@/components/cart/cart-line-controls");
const { StockShortfallAlert } = await import("@/components/cart/stock-shortfall-alert");
const { SoldOutNotice } = await import("@/components/orders/sold-out-notice");
type CartProblem = import("@/lib/cart/problems").CartProblem;
type ShopperOrder = import("@/lib/orders/queries").ShopperOrder;

function render(element: ReactElement, locale: Locale = "en"): string {
  const config = { locale, messages: messages[locale], timeZone: "Asia/Jakarta" } as ComponentProps<
    typeof NextIntlClientProvider
  >;
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
  const props = {
    subtotal: 250_000,
    shipping: [{ key: "s", sellerName: "Batik Sekar", fee: 20_000 }],
    total: 270_000,
    totalTestId: "t",
  };
  it("names each seller's shipping in the shopper's language", () => {
    expect(text(render(createElement(SummaryRows, props)))).toContain(
      "Shipping from Batik SekarRp 20.000",
    );
    expect(text(render(createElement(SummaryRows, props), "id"))).toContain(
      "Ongkos kirim dari Batik SekarRp 20.000",
    );
  });
  it("says a digital-only order ships free", () => {
    const digital = { ...props, shipping: [], total: 250_000, digitalOnly: true };
    expect(text(render(createElement(SummaryRows, digital)))).toContain(
      "ShippingFree · digital delivery",
    );
    expect(text(render(createElement(SummaryRows, digital), "id"))).toContain(
      "Ongkos kirimGratis · produk digital",
    );
  });
});

describe("the cart's refusals, as its actions answer them", () => {
  it.each<[CartProblem, string, string]>([
    [
      { code: "productUnavailable" },
      "This product is no longer available.",
      "Maaf, produk ini sudah tidak tersedia.",
    ],
    [{ code: "quantityRequired" }, "Enter a quantity", "Masukkan jumlah"],
    [{ code: "quantityWhole" }, "Quantity must be a whole number", "Jumlah harus bilangan bulat"],
    [{ code: "quantityMin", min: 1 }, "Quantity must be at least 1", "Jumlah minimal 1"],
    [
      { code: "quantityMax", max: 99 },
      "You can buy at most 99 of one item",
      "Maksimal pembelian 99 per barang",
    ],
    [
      { code: "quantityMaxInCart", max: 99, inCart: 2 },
      "You can buy at most 99 of one item (2 already in your cart).",
      "Maksimal pembelian 99 per barang (2 sudah ada di keranjangmu).",
    ],
    [{ code: "soldOut" }, "Sorry, this item is sold out.", "Maaf, stok barang ini sudah habis."],
    [{ code: "stockLimit", left: 3 }, "Only 3 left in stock.", "Stoknya tinggal 3."],
    [
      { code: "stockLimitInCart", left: 3, inCart: 2 },
      "Only 3 left in stock (2 already in your cart).",
      "Stoknya tinggal 3 (2 sudah ada di keranjangmu).",
    ],
  ])("%j", async (problem, en, id) => {
    expect(await cartProblemText(problem)).toBe(en);
    expect(await inLocale("id", () => cartProblemText(problem))).toBe(id);
  });
});

describe("stock, as the shop shows it", () => {
  const short = [
    { productId: 7, name: "Ketik 75% Mechanical Keyboard", wanted: 4, left: 2 },
    { productId: 6, name: "Lintas X5 Smartphone 8/256 GB", wanted: 1, left: 0 },
  ];
  const card = {
    slug: "p",
    name: "P",
    imagePath: "/p.svg",
    price: 10_000,
    digital: false,
    sellerName: "S",
    sellerCity: "C",
  };
  const noAction = async () => ({});

  it("says sold out, or only N left up to five, and nothing when there is plenty", () => {
    expect([0, 3, 5, 6].map((stock) => text(render(createElement(StockNote, { stock }))))).toEqual([
      "Sold out",
      "Only 3 left",
      "Only 5 left",
      "",
    ]);
    expect([0, 3].map((stock) => text(render(createElement(StockNote, { stock }), "id")))).toEqual([
      "Stok habis",
      "Tinggal 3 lagi",
    ]);
    expect(text(render(createElement(ProductCard, { product: { ...card, stock: 2 } })))).toContain(
      "Only 2 left",
    );
    expect(
      text(render(createElement(ProductCard, { product: { ...card, stock: 50 } }))),
    ).not.toMatch(/left|Sold out/);
  });

  it("keeps a sold-out product's button focusable but inert, and says why", () => {
    const words = { quantity: "Quantity", addToCart: "Add to cart", adding: "Adding…" };
    const form = (stock: number) =>
      render(
        createElement(AddToCartForm, {
          productId: 1,
          stock,
          stockNote: createElement(StockNote, { stock }),
          words,
          addToCartAction: noAction,
        }),
      );
    const soldOut = form(0);
    expect(soldOut).toMatch(
      /<button type="button" aria-disabled="true" aria-describedby="add-to-cart-stock"[^>]*>Add to cart<\/button>/,
    );
    expect(soldOut).toMatch(
      /<span id="add-to-cart-stock"><span data-testid="stock-note"[^>]*>.*Sold out/,
    );
    expect(soldOut).toMatch(/<input[^>]*disabled=""/);
    expect(soldOut).not.toContain('type="submit"');
    const low = form(2);
    expect(low).toContain('type="submit"');
    expect(low).toMatch(/<input[^>]*aria-describedby="add-to-cart-stock"/);
    expect(text(low)).toContain("Only 2 left");
    const plenty = form(40);
    expect(plenty).not.toContain("add-to-cart-stock");
  });

  it("tells a cart line that asks for more than is left what to change", async () => {
    const line = async (quantity: number, stock: number, locale: Locale = "en") => {
      const words = await inLocale(locale, () => cartLineWords("Kopi Gayo"));
      const stockNote = createElement(CartLineStock, { quantity, stock });
      return render(
        createElement(CartLineControls, {
          productId: 1,
          quantity,
          stock,
          stockNote,
          words,
          updateQuantityAction: noAction,
          removeFromCartAction: noAction,
        }),
        locale,
      );
    };
    expect(text(await line(3, 1))).toContain("Only 1 left: lower the quantity to check out.");
    expect(await line(3, 1)).toMatch(/<input[^>]*aria-describedby="qty-1-stock"/);
    expect(await line(3, 1)).toMatch(/<div id="qty-1-stock"><p data-testid="cart-line-stock"/);
    expect(text(await line(3, 0))).toContain("Sold out: remove it to check out.");
    expect(text(await line(2, 4))).toContain("Only 4 left");
    expect(await line(2, 4)).not.toMatch(/<input[^>]*aria-describedby/);
    expect(text(await line(2, 40))).not.toMatch(/left|Sold out/);
    expect(text(await line(3, 0, "id"))).toContain(
      "Stok habis: hapus barang ini untuk lanjut checkout.",
    );
  });

  it("names the line's product to screen readers only", async () => {
    const words = await cartLineWords("Kopi Gayo");
    const html = render(
      createElement(CartLineControls, {
        productId: 1,
        quantity: 1,
        stock: 9,
        stockNote: null,
        words,
        updateQuantityAction: noAction,
        removeFromCartAction: noAction,
      }),
    );
    expect(html).toContain('>Quantity<span class="sr-only"> for Kopi Gayo</span></label>');
    expect(html).toContain('Remove<span class="sr-only"> Kopi Gayo</span></button>');
    expect(
      render(
        createElement("p", null, (await inLocale("id", () => cartLineWords("Kopi Gayo"))).remove),
      ),
    ).toMatch(/^<p>Hapus<span class="sr-only">/);
  });

  it("names every short product and how many are left, in the cart, the checkout and the order page", () => {
    expect(text(render(createElement(StockShortfallAlert, { short })))).toBe(
      "Not enough stockKetik 75% Mechanical Keyboard (only 2 left) and Lintas X5 Smartphone 8/256 GB (sold out). Change these items to check out.",
    );
    expect(render(createElement(StockShortfallAlert, { short: [] }))).toBe("");
    expect(
      text(render(createElement(SoldOutNotice, { items: short.slice(0, 1) }), "id")),
    ).toContain(
      "Ada barang yang stoknya habis setelah kamu memesan: Ketik 75% Mechanical Keyboard (tinggal 2).",
    );
  });

  it("names them when the checkout refuses the order", async () => {
    expect(await checkoutProblemText({ code: "soldOut", items: short })).toBe(
      "Not enough stock for Ketik 75% Mechanical Keyboard (only 2 left) and Lintas X5 Smartphone 8/256 GB (sold out). Change your cart, then try again.",
    );
    expect(
      await inLocale("id", () => checkoutProblemText({ code: "soldOut", items: short.slice(1) })),
    ).toBe(
      "Stok tidak cukup untuk Lintas X5 Smartphone 8/256 GB (stok habis). Ubah keranjangmu, lalu coba lagi.",
    );
    // The action's answer keeps the code beside the words, for whoever reads the response.
    expect(await wordedProblem({ code: "tooManyAttempts", minutes: 1 })).toEqual({
      code: "tooManyAttempts",
      message: expect.stringContaining("Please wait 1 minute and"),
    });
  });
});

describe("the order's status", () => {
  it("says what a failed payment means, and uses the common status words", () => {
    const failed = { status: "failed", payment: null } as const;
    const en = text(render(createElement(OrderStatusPanel, { order: failed })));
    expect(en).toBe(
      "Payment failedWe could not start or complete the Kredivo payment. Your order is saved — you can try again.",
    );
    expect(text(render(createElement(OrderStatusPanel, { order: failed }), "id"))).toMatch(
      /^Pembayaran gagalPembayaran Kredivo tidak dapat/,
    );
  });
  it("treats a pending order whose payment never started as one to try again", () => {
    const payment = {
      status: "rejected",
      resumeUrl: null,
      expiresAt: null,
      startFailed: true,
    } as const;
    expect(
      text(render(createElement(OrderStatusPanel, { order: { status: "pending", payment } }))),
    ).toMatch(/^Awaiting paymentWe could not start/);
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
      {
        kind: "product",
        name: "Batik Tulis Parang Shirt",
        sellerName: "Batik Sekar",
        unitPrice: 125_000,
        quantity: 2,
        lineTotal: 250_000,
      },
      {
        kind: "shipping",
        name: "Shipping from Batik Sekar",
        sellerName: "Batik Sekar",
        unitPrice: 20_000,
        quantity: 1,
        lineTotal: 20_000,
      },
    ],
    subtotal: 250_000,
    total: 270_000,
    shippingAddress: {
      firstName: "Siti",
      lastName: "Rahayu",
      address: "Jl. Malioboro 52",
      city: "Yogyakarta",
      postalCode: "55271",
      phone: "6281311112222",
      countryCode: "IDN",
    },
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
    expect(text(render(createElement(OrderSummary, { order: unknown }), "id"))).toContain(
      "Shipping from Batik Sekar",
    );
  });
});

describe("the checkout form", () => {
  const summary = createElement(CheckoutSummaryList, {
    summary: {
      items: [{ key: "1", name: "Kopi", quantity: 2, lineTotal: 190_000 }],
      shipping: [],
      subtotal: 190_000,
      total: 190_000,
    },
  });
  const form = async (locale: Locale = "en") =>
    createElement(CheckoutForm, {
      checkoutKey: "k",
      summary,
      words: await inLocale(locale, checkoutFormWords),
      placeOrderAction: async () => ({}),
    });
  it("keeps the English labels the specs fill in", async () => {
    const html = render(await form());
    for (const label of [
      "First name",
      "Last name (optional)",
      "Email",
      "Mobile number",
      "Street address",
      "City",
      "Postal code",
      "Phone for the courier",
      "Billing address same as shipping",
    ]) {
      expect(html, label).toContain(`>${label}</label>`);
    }
    expect(html).toContain(">Pay with Kredivo</button>");
    expect(html).toContain("Rp 190.000");
  });
  it("is given words for every field error the schema and the server can give", async () => {
    const { checkoutSchema, fieldErrors } = await import("@/lib/checkout/schema");
    const blank = {
      firstName: "",
      email: "x",
      phone: "1",
      shipping: {},
      billingSameAsShipping: false,
      billing: {},
    };
    const parsed = checkoutSchema.safeParse(blank);
    const keys = Object.values(fieldErrors(parsed.error!));
    expect(keys).toEqual(
      expect.arrayContaining([
        "firstName.required",
        "email.invalid",
        "phone.invalid",
        "billingFirstName.required",
      ]),
    );
    const { errors } = await checkoutFormWords();
    for (const key of [...keys, "invalid" as const]) expect(errors[key], key).toMatch(/^[A-Z]/);
    expect(errors["postalCode.invalid"]).toBe("Postal code must be 5 digits");
    expect((await inLocale("id", checkoutFormWords)).errors["firstName.required"]).not.toBe(
      errors["firstName.required"],
    );
  });
  it("reads as an Indonesian shop by default", async () => {
    const html = render(await form("id"), "id");
    expect(html).toContain(">Nomor HP untuk kurir</label>");
    expect(html).toContain(">Bayar dengan Kredivo</button>");
  });
});

describe("messages with counts", () => {
  const en = createTranslator({ locale: "en", messages: messages.en, namespace: "shop" });
  const id = createTranslator({ locale: "id", messages: messages.id, namespace: "shop" });
  it("the cart badge's word", () => {
    expect([en("layout.cartItems", { count: 1 }), en("layout.cartItems", { count: 3 })]).toEqual([
      "item",
      "items",
    ]);
    expect([id("layout.cartItems", { count: 1 }), id("layout.cartItems", { count: 3 })]).toEqual([
      "barang",
      "barang",
    ]);
  });
  it("the payment limit, as the specs match it", () => {
    expect(en("checkout.problem.tooManyAttempts", { minutes: 60 })).toMatch(
      /^You have started several payments in a short time\. Please wait 60 minutes and try again/,
    );
    expect(en("checkout.problem.tooManyAttempts", { minutes: 1 })).toContain(
      "Please wait 1 minute and",
    );
    expect(id("checkout.problem.tooManyAttempts", { minutes: 5 })).toContain(
      "Tunggu 5 menit lalu coba lagi",
    );
  });
  it("the order's confirmation line, true to when the email goes out", () => {
    const placed = (status: string) =>
      en.rich("order.placed", { status, email: "siti@example.com", time: () => "T" });
    expect(placed("pending")).toBe(
      "Placed T · confirmation goes to siti@example.com once the payment is confirmed",
    );
    expect(placed("paid")).toBe("Placed T · confirmation sent to siti@example.com");
  });
  it("items no longer sold", () => {
    expect(en("cart.unavailable", { names: "A", count: 1 })).toBe(
      "A is no longer sold and will not be ordered.",
    );
    expect(en("cart.unavailable", { names: "A and B", count: 2 })).toBe(
      "A and B are no longer sold and will not be ordered.",
    );
    expect(id("cart.unavailable", { names: "A dan B", count: 2 })).toBe(
      "A dan B sudah tidak dijual dan tidak akan ikut dipesan.",
    );
  });
});
