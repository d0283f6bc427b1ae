// The order emails as mailed: each kind in both languages carries the order reference, the total
// as `Rp 1.250.000`, the order link (as a link in the HTML, as an address in the text) and the
// language; the digital email lists only digital lines; merchant text is escaped, and the
// shopper's name is reduced to a name (no link, address or number of a stranger's reaches an email).
import { describe, expect, it } from "vitest";
import { formatShopTime } from "@/lib/format";
import { locales, type Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";
import { displayName } from "@/lib/mail/display-name";
import {
  emailKinds,
  orderEmailKinds,
  type EmailLine,
  type OrderEmail,
  type OrderEmailKind,
} from "@/lib/mail/email";
import { renderEmail } from "@/lib/mail/render";

const url = "https://toko.example/orders/3f9a1c2b5d6e7f8091a2b3c4d5e6f708";
const placedAt = new Date("2026-03-10T01:05:00Z");

function line(overrides: Partial<EmailLine> & Pick<EmailLine, "name">): EmailLine {
  return {
    quantity: 1,
    unitPrice: 0,
    lineTotal: 0,
    kind: "product",
    seller: null,
    digital: false,
    delivery: null,
    ...overrides,
  };
}

const batik = line({
  name: "Kain Batik Tulis Pekalongan",
  quantity: 2,
  unitPrice: 450_000,
  lineTotal: 900_000,
});
const ebook = line({
  name: "E-book Resep Nusantara",
  unitPrice: 60_000,
  lineTotal: 60_000,
  digital: true,
  delivery: "Unduh di https://files.example/resep\nKode akses: RESEP-2026",
});
const kelas = line({
  name: "Kelas Membatik Online",
  unitPrice: 250_000,
  lineTotal: 250_000,
  digital: true,
  delivery: null,
});
const shipping = [
  line({
    name: "Shipping from Batik Sari",
    unitPrice: 25_000,
    lineTotal: 25_000,
    kind: "shipping",
    seller: "Batik Sari",
  }),
  line({
    name: "Shipping from Kopi Gayo",
    unitPrice: 15_000,
    lineTotal: 15_000,
    kind: "shipping",
    seller: "Kopi Gayo",
  }),
];

function email(
  kind: OrderEmailKind,
  locale: Locale,
  overrides: Partial<OrderEmail> = {},
): OrderEmail {
  return {
    kind,
    locale,
    zone: "Asia/Jakarta",
    order: {
      reference: "3F9A1C2B",
      customerFirstName: "Budi",
      placedAt,
      paidAt:
        kind === "order_confirmation" || kind === "digital_delivery"
          ? new Date("2026-03-10T01:07:00Z")
          : null,
      subtotal: 1_210_000,
      shippingTotal: 40_000,
      total: 1_250_000,
      url,
      shipping: {
        name: "Budi Santoso",
        address: "Jl. Melati No. 5\nRT 02/RW 03",
        city: "Bandung",
        postalCode: "40111",
        phone: "081234567890",
      },
    },
    lines: [batik, ebook, kelas, ...shipping],
    parcel:
      kind === "parcel_shipped"
        ? {
            seller: "Batik Sari",
            items: [{ name: batik.name, quantity: 2 }],
            courier: "Ninja Xpress",
            trackingNumber: "NLIDAP0012345678",
            trackingUrl: "https://www.ninjaxpress.co/id-id/tracking?id=NLIDAP0012345678",
            perNumber: true,
          }
        : undefined,
    ...overrides,
  };
}

const cases = orderEmailKinds.flatMap((kind) => locales.map((locale) => [kind, locale] as const));

/** The HTML's text with tags dropped and the entities React writes decoded, for "does it say X". */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An <a> pointing at the order page whose text includes `label`. */
function linkTo(label: string): RegExp {
  return new RegExp(
    `<a href="${escapeRegExp(url)}"[^>]*>(?:(?!</a>)[\\s\\S])*${escapeRegExp(label)}(?:(?!</a>)[\\s\\S])*</a>`,
  );
}

describe("renderEmail", () => {
  it.each(cases)("%s in %s: reference, total, order link and language", async (kind, locale) => {
    const { subject, html, text } = await renderEmail(email(kind, locale));

    expect(subject).toContain("3F9A1C2B");
    expect(subject).toContain("Toko Nusantara");
    expect(subject).not.toMatch(/[\r\n]/);
    for (const part of [html, text]) expect(part).toContain("3F9A1C2B");

    expect(html).toMatch(new RegExp(`<html[^>]*\\slang="${locale}"`));
    expect(html).toContain(`<title>${subject.replace(/&/g, "&amp;")}</title>`);
    expect(html).toContain(`href="${url}"`);
    expect(text).toContain(url);

    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<script\b/i);
    // The footer says who sends it and why, in the email's language.
    const why =
      locale === "id"
        ? "Email ini dikirim karena kamu berbelanja di Toko Nusantara."
        : "because you shopped at Toko Nusantara";
    expect(visibleText(html)).toContain(why);
    expect(text).toContain(why);
    // No promises the shop cannot keep: nobody reads replies; only a shipped parcel has a number.
    expect(text).not.toMatch(/reply|balas|invoice|faktur/i);
    if (kind !== "parcel_shipped") expect(text).not.toMatch(/resi|tracking/i);

    // The shipping email is about one parcel, not the order's money.
    if (kind !== "digital_delivery" && kind !== "parcel_shipped") {
      for (const part of [visibleText(html), text]) expect(part).toContain("Rp 1.250.000");
    }
  });

  it("writes the subjects in each language", async () => {
    const subjects = await Promise.all(
      cases.map(async ([kind, locale]) => [
        `${kind} ${locale}`,
        (await renderEmail(email(kind, locale))).subject,
      ]),
    );
    expect(Object.fromEntries(subjects)).toEqual({
      "order_confirmation id": "Pesanan 3F9A1C2B sudah lunas — Toko Nusantara",
      "order_confirmation en": "Order 3F9A1C2B is paid — Toko Nusantara",
      "digital_delivery id": "Produk digital dari pesanan 3F9A1C2B — Toko Nusantara",
      "digital_delivery en": "Your digital products from order 3F9A1C2B — Toko Nusantara",
      "payment_failed id": "Pembayaran pesanan 3F9A1C2B belum berhasil — Toko Nusantara",
      "payment_failed en": "The payment for order 3F9A1C2B didn’t go through — Toko Nusantara",
      "payment_expired id": "Waktu pembayaran pesanan 3F9A1C2B habis — Toko Nusantara",
      "payment_expired en": "The time to pay for order 3F9A1C2B ran out — Toko Nusantara",
      "payment_refunded id": "Dana pesanan 3F9A1C2B sudah dikembalikan — Toko Nusantara",
      "payment_refunded en": "Order 3F9A1C2B has been refunded — Toko Nusantara",
      "parcel_shipped id": "Pesanan 3F9A1C2B sudah dikirim — Toko Nusantara",
      "parcel_shipped en": "Your order 3F9A1C2B is on its way — Toko Nusantara",
      "order_cancelled id": "Pesanan 3F9A1C2B dibatalkan — Toko Nusantara",
      "order_cancelled en": "Order 3F9A1C2B has been cancelled — Toko Nusantara",
      "refund_requested id": "Pengembalian dana pesanan 3F9A1C2B sedang diproses — Toko Nusantara",
      "refund_requested en": "A refund for order 3F9A1C2B is on its way — Toko Nusantara",
      "refund_completed id": "Pengembalian dana pesanan 3F9A1C2B selesai — Toko Nusantara",
      "refund_completed en": "The refund for order 3F9A1C2B is done — Toko Nusantara",
      "order_link id": "Tautan pesanan 3F9A1C2B — Toko Nusantara",
      "order_link en": "The link to your order 3F9A1C2B — Toko Nusantara",
    });
  });

  describe("order confirmation", () => {
    it.each(locales)(
      "in %s: items with quantity and line totals, shipping, totals, Kredivo, address, button",
      async (locale) => {
        const { html, text } = await renderEmail(email("order_confirmation", locale));
        const words =
          locale === "id"
            ? [
                "Terima kasih, Budi!",
                "Pesananmu sudah lunas",
                "Rincian pesanan",
                "Ongkos kirim",
                "Dibayar dengan Kredivo",
                "Alamat pengiriman",
              ]
            : [
                "Thank you, Budi!",
                "Your order is paid",
                "Order details",
                "Shipping",
                "Paid with Kredivo",
                "Shipping address",
              ];
        const seen = visibleText(html);
        for (const word of [
          ...words,
          "Kain Batik Tulis Pekalongan",
          "Rp 900.000",
          "Rp 450.000",
          "Rp 1.210.000",
          "Rp 40.000",
          locale === "id" ? "dari Batik Sari" : "from Batik Sari",
          "Rp 25.000",
          "Jl. Melati No. 5",
          "RT 02/RW 03",
          "Bandung 40111",
          "081234567890",
        ]) {
          expect(seen).toContain(word);
          expect(text).toContain(word);
        }
        // A real items table: column headers, and the quantity in its own cell.
        expect(html).toMatch(/<th scope="col"[^>]*>(Produk|Product)<\/th>/);
        expect(html).toMatch(/<th scope="col"[^>]*>(Jumlah|Quantity)<\/th>/);
        expect(html).toMatch(/<td[^>]*>2<\/td><td[^>]*>Rp 900\.000<\/td>/);
        expect(html).toMatch(/<h1[\s>]/);
        expect(html).toMatch(linkTo(locale === "id" ? "Lihat pesanan" : "View order"));
        // The paid time, in the shop's zone and the email's language.
        expect(seen).toContain(
          formatShopTime(new Date("2026-03-10T01:07:00Z"), locale, "Asia/Jakarta"),
        );
        expect(seen).toContain(formatShopTime(placedAt, locale, "Asia/Jakarta"));
      },
    );

    it("shows times in the shop's zone", async () => {
      const { html } = await renderEmail(
        email("order_confirmation", "id", { zone: "Asia/Makassar" }),
      );
      expect(visibleText(html)).toContain("10 Mar 2026, 09:05 WITA");
    });

    it("has no address and free shipping for a digital-only order", async () => {
      const base = email("order_confirmation", "id");
      const { html, text } = await renderEmail({
        ...base,
        order: {
          ...base.order,
          shipping: null,
          subtotal: 310_000,
          shippingTotal: 0,
          total: 310_000,
        },
        lines: [ebook, kelas],
      });
      expect(text).toContain("Gratis (produk digital)");
      expect(text).not.toContain("Alamat pengiriman");
      expect(visibleText(html)).toContain("Rp 310.000");
    });
  });

  describe("digital delivery", () => {
    it.each(locales)(
      "in %s: each digital line's delivery text, not the physical products",
      async (locale) => {
        const { html, text } = await renderEmail(email("digital_delivery", locale));
        const seen = visibleText(html);
        for (const part of [seen, text]) {
          expect(part).toContain("E-book Resep Nusantara");
          expect(part).toContain("Unduh di https://files.example/resep");
          expect(part).toContain("Kode akses: RESEP-2026");
          expect(part).toContain("Kelas Membatik Online");
          expect(part).toContain(
            locale === "id"
              ? "Penjual akan mengirimkan detail aksesnya"
              : "The seller will send you the access details",
          );
          expect(part).not.toContain("Kain Batik Tulis Pekalongan");
          expect(part).not.toContain("Shipping from Batik Sari");
        }
        // The merchant's line break survives in both parts.
        expect(html).toContain("Unduh di https://files.example/resep<br/>Kode akses: RESEP-2026");
        expect(text).toContain("Unduh di https://files.example/resep\nKode akses: RESEP-2026");
        expect(html).toMatch(linkTo(locale === "id" ? "Lihat pesanan" : "View order"));
      },
    );

    it("refuses an order without digital lines", async () => {
      await expect(
        renderEmail(email("digital_delivery", "id", { lines: [batik, ...shipping] })),
      ).rejects.toThrow(/digital/);
    });
  });

  describe.each(["payment_failed", "payment_expired"] as const)("%s", (kind) => {
    it.each(locales)(
      "in %s: nothing charged, pay again on the order page, items and total",
      async (locale) => {
        const { html, text } = await renderEmail(email(kind, locale));
        const payAgain = locale === "id" ? "Bayar lagi" : "Pay again";
        expect(html).toMatch(linkTo(payAgain));
        expect(text).toContain(`${payAgain} ${url}`);
        const words =
          locale === "id"
            ? [
                kind === "payment_failed" ? "Pembayaran belum berhasil" : "Waktu pembayaran habis",
                "Tidak ada dana yang ditarik.",
              ]
            : [
                kind === "payment_failed"
                  ? "Your payment didn’t go through"
                  : "The time to pay ran out",
                "Nothing was charged.",
              ];
        const seen = visibleText(html);
        for (const word of [
          ...words,
          "Kain Batik Tulis Pekalongan",
          "E-book Resep Nusantara",
          "Rp 1.250.000",
        ]) {
          expect(seen).toContain(word);
          expect(text).toContain(word);
        }
        // The status in the shop's own words (common.json).
        expect(seen).toContain(
          messages[locale].common.status.shopper[kind === "payment_failed" ? "failed" : "expired"],
        );
        // Not paid: no paid time, no "paid with Kredivo".
        expect(text).not.toContain(
          locale === "id" ? "Dibayar dengan Kredivo" : "Paid with Kredivo",
        );
      },
    );
  });

  describe("payment refunded", () => {
    it.each(locales)(
      "in %s: that Kredivo returns the money, the refunded status, items and the order link",
      async (locale) => {
        const { html, text } = await renderEmail(email("payment_refunded", locale));
        const words =
          locale === "id"
            ? [
                "Dana pembayaranmu sudah dikembalikan",
                "pembayaran Kredivo untuk pesanan 3F9A1C2B sudah dikembalikan",
                "ke akun Kredivo-mu",
              ]
            : [
                "Your payment has been refunded",
                "the Kredivo payment for order 3F9A1C2B has been refunded",
                "to your Kredivo account",
              ];
        const seen = visibleText(html);
        for (const word of [
          ...words,
          messages[locale].common.status.shopper.refunded,
          "Kain Batik Tulis Pekalongan",
        ]) {
          expect(seen).toContain(word);
          expect(text).toContain(word);
        }
        expect(html).toMatch(linkTo(locale === "id" ? "Lihat pesanan" : "View order"));
        // A refund is no bill and no second chance to pay.
        expect(text).not.toContain(locale === "id" ? "Bayar lagi" : "Pay again");
        expect(text).not.toContain(
          locale === "id" ? "Dibayar dengan Kredivo" : "Paid with Kredivo",
        );
      },
    );
  });

  describe("order cancelled", () => {
    const paidAt = new Date("2026-03-10T01:07:00Z");
    it.each(locales)(
      "in %s: a paid order's cancellation states its refund's amount, and promises none without one",
      async (locale) => {
        const order = email("order_cancelled", locale).order;
        const withRefund = await renderEmail(
          email("order_cancelled", locale, {
            order: { ...order, paidAt },
            refund: { amount: 300_000, full: true },
          }),
        );
        expect(withRefund.text).toContain("Rp 300.000");
        const without = await renderEmail(
          email("order_cancelled", locale, { order: { ...order, paidAt }, refund: null }),
        );
        const refund = messages[locale].email.cancelled.refund.split("{amount}")[0]!;
        expect(without.text).not.toContain(refund);
        expect(visibleText(without.html)).toContain(
          messages[locale].email.cancelled.refundRecorded,
        );
      },
    );
  });

  describe("parcel shipped", () => {
    it.each(locales)(
      "in %s: seller, items, courier, tracking number and its page, address, order link",
      async (locale) => {
        const { html, text } = await renderEmail(email("parcel_shipped", locale));
        const seen = visibleText(html);
        for (const word of [
          locale === "id" ? "Pesanan kamu sudah dikirim" : "Your order is on its way",
          "Batik Sari",
          "Kain Batik Tulis Pekalongan",
          "Ninja Xpress",
          "NLIDAP0012345678",
          "Jl. Melati No. 5",
        ]) {
          expect(seen).toContain(word);
          expect(text).toContain(word);
        }
        expect(html).toContain(
          'href="https://www.ninjaxpress.co/id-id/tracking?id=NLIDAP0012345678"',
        );
        // Only the parcel's items: the other seller's e-book is not in this parcel.
        expect(seen).not.toContain("E-book Resep Nusantara");
        expect(html).toMatch(linkTo(locale === "id" ? "Lihat pesanan" : "View order"));
      },
    );
  });

  it.each(orderEmailKinds)(
    "%s keeps markup out: the shopper's name reduced to a name, the merchant's text escaped",
    async (kind) => {
      const base = email(kind, "id");
      const { html, text } = await renderEmail({
        ...base,
        order: { ...base.order, customerFirstName: 'Budi<b> & "Wulan"</b>' },
        lines: [
          ...base.lines,
          line({
            name: "Stiker <i>Nusantara</i>",
            digital: true,
            delivery: '<script>alert("x")</script> & <a href="https://evil.example">klik</a>',
          }),
        ],
      });
      expect(html).not.toContain("<b>Budi");
      expect(html).not.toContain("<i>Nusantara");
      expect(html).not.toMatch(/<script\b/i);
      expect(html).not.toContain('href="https://evil.example"');
      // The name ends where a character no name holds begins.
      expect(html).not.toContain("Wulan");
      expect(text).not.toContain("Wulan");
      if (kind !== "order_confirmation") expect(text).toContain("Halo Budi, ");
      else expect(text).toContain("Terima kasih, Budi!");
      if (kind === "digital_delivery")
        expect(html).toContain(
          "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;a href=",
        );
    },
  );

  it("refuses a link that is not http(s)", async () => {
    const base = email("payment_failed", "id");
    await expect(
      renderEmail({ ...base, order: { ...base.order, url: "javascript:alert(1)" } }),
    ).rejects.toThrow(/http/);
  });
});

describe("a stranger's words in the greeting @faults", () => {
  // Issue 27's attack: any address typed at checkout, a declined payment, and this as the first name.
  const attack =
    "URGENT: your Kredivo account is locked, call +62 811 2345 6789 or https://kredivo-help.example now";
  const withName = (kind: OrderEmailKind, locale: Locale, customerFirstName: string) => {
    const base = email(kind, locale);
    return renderEmail({ ...base, order: { ...base.order, customerFirstName } });
  };

  it.each(locales)(
    "the issue's greeting renders without its phone number, link or message (%s), in HTML and plain text",
    async (locale) => {
      expect(attack.length).toBeLessThanOrEqual(100);
      for (const kind of ["payment_failed", "payment_expired"] as const) {
        const { html, text } = await withName(kind, locale, attack);
        for (const part of [html, text]) {
          for (const words of [
            "+62",
            "811",
            "2345",
            "6789",
            "https://kredivo-help",
            "kredivo-help.example",
            "locked",
            "call",
            "URGENT:",
            "URGENT your",
          ]) {
            expect(part).not.toContain(words);
          }
        }
        expect(text).toContain(locale === "id" ? "Halo URGENT, " : "Hi URGENT, the ");
        // The only links are the shop's own order page.
        expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(
          expect.arrayContaining([url]),
        );
        for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toBe(url);
      }
    },
  );

  it("a name of 100 letters is bounded; words past the third are dropped; a dot between letters cannot make a domain", async () => {
    const { text } = await withName("payment_failed", "en", "A".repeat(100));
    expect(text).toContain(`Hi ${"A".repeat(30)}, the`);
    expect(text).not.toContain("A".repeat(31));
    expect(
      (await withName("payment_failed", "en", "Kredivo account locked call support now")).text,
    ).toContain("Hi Kredivo account locked, the");
    expect((await withName("payment_failed", "en", "kredivo.help")).text).toContain(
      "Hi kredivo. help, the",
    );
  });

  it.each(locales)("a name with nothing of a name left greets neutrally (%s)", async (locale) => {
    for (const name of ["+62 811 2345 6789", "@evil.example", "//evil.example", "   ", "🌸"]) {
      const { text } = await withName("payment_failed", locale, name);
      expect(text).toContain(
        locale === "id" ? "Halo Kak, pembayaran" : "Hi friend, the Kredivo payment",
      );
      expect(text).not.toContain("evil");
      expect(text).not.toContain("811");
    }
    const { text } = await withName("order_confirmation", locale, "");
    expect(text).toContain(locale === "id" ? "Terima kasih, Kak!" : "Thank you, friend!");
  });

  it("the shipping block's name is reduced too", async () => {
    const base = email("order_confirmation", "id");
    const { html, text } = await renderEmail({
      ...base,
      order: {
        ...base.order,
        shipping: {
          ...base.order.shipping!,
          name: "Budi Santoso call +62 811 2345 https://evil.example",
        },
      },
    });
    for (const part of [html, text]) {
      expect(part).not.toContain("evil");
      expect(part).not.toContain("+62 811");
    }
    expect(text).toContain("Budi Santoso call");
  });

  it("displayName: a name of any script stays whole; what no name holds ends it", () => {
    expect(displayName("Nguyễn Thị Ánh 🌸")).toBe("Nguyễn Thị Ánh");
    expect(displayName("  Siti   Rahayu ")).toBe("Siti Rahayu");
    expect(displayName("Jean-Luc O'Brien")).toBe("Jean-Luc O'Brien");
    expect(displayName("M.Rizky")).toBe("M. Rizky");
    expect(displayName("Budi 0812 3456 7890")).toBe("Budi");
    expect(displayName("Budi\uFF1A call")).toBe("Budi"); // a full-width colon is a colon
    expect(displayName("０８１１")).toBeNull();
    expect(displayName("<script>alert(1)</script>")).toBeNull();
    expect(displayName(null)).toBeNull();
  });
});

describe("email messages", () => {
  type Tree = { [key: string]: string | Tree };
  function leaves(tree: Tree, prefix = ""): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === "string") out.set(prefix + key, value);
      else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    }
    return out;
  }
  const placeholders = (message: string) =>
    [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has the same keys and placeholders in Indonesian and English", () => {
    const id = leaves(messages.id.email);
    const en = leaves(messages.en.email);
    expect([...en.keys()].sort()).toEqual([...id.keys()].sort());
    for (const [key, message] of id)
      expect({ key, placeholders: placeholders(en.get(key) ?? "") }).toEqual({
        key,
        placeholders: placeholders(message),
      });
  });

  it("has a subject for every kind", () => {
    for (const locale of locales)
      expect(Object.keys(messages[locale].email.subject).sort()).toEqual([...emailKinds].sort());
  });
});
