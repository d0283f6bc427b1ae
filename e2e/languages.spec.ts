// The whole purchase in Bahasa Indonesia (the default, no cookie) and in English (switched in the
// header), at desktop and phone widths: catalog, checkout with errors, the paid order and the
// confirmation email as the sandbox's mailbox shows it, with screenshots and axe in both.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { tokenFromUrl } from "./support/shop";

// No language cookie: what a shopper who never touched the switch sees.
test.use({ storageState: { cookies: [], origins: [] } });

const PRODUCT = "Batik Kawung Canvas Tote";

const words = {
  id: {
    heading: "Belanja produk lokal, bayar nanti",
    switchToOther: "EN: ganti bahasa ke English",
    quantity: "Jumlah",
    addToCart: "Tambah ke keranjang",
    proceed: "Lanjut ke pembayaran",
    pay: "Bayar dengan Kredivo",
    firstNameError: "Masukkan nama depan kamu",
    labels: {
      firstName: "Nama depan",
      email: "Email",
      phone: "Nomor HP",
      street: "Alamat lengkap",
      city: "Kota/kabupaten",
      postalCode: "Kode pos",
      courierPhone: "Nomor HP untuk kurir",
    },
    paid: "Lunas",
    subject: "sudah lunas",
  },
  en: {
    heading: "Shop local, pay later",
    switchToOther: "ID: switch language to Bahasa Indonesia",
    quantity: "Quantity",
    addToCart: "Add to cart",
    proceed: "Proceed to checkout",
    pay: "Pay with Kredivo",
    firstNameError: "Enter your first name",
    labels: {
      firstName: "First name",
      email: "Email",
      phone: "Mobile number",
      street: "Street address",
      city: "City",
      postalCode: "Postal code",
      courierPhone: "Phone for the courier",
    },
    paid: "Paid",
    subject: "is paid",
  },
} as const;

test.beforeEach(async () => {
  await sandbox.reset();
});

async function purchase(page: Page, locale: keyof typeof words, width: "desktop" | "mobile") {
  const w = words[locale];
  const shot = (step: string) =>
    page.screenshot({ path: screenshotPath(`${locale}-${width}-${step}.png`), fullPage: true });
  const email = `rahayu.${locale}.${width}@example.com`;

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.getByRole("heading", { level: 1, name: w.heading })).toBeVisible();
  await expectNoSeriousViolations(page, `${locale} catalog ${width}`);
  await shot("1-catalog");

  await page.getByRole("link", { name: PRODUCT }).first().click();
  await page.getByLabel(w.quantity, { exact: true }).fill("2");
  await page.getByRole("button", { name: w.addToCart }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.getByRole("link", { name: w.proceed }).click();

  await page.getByRole("button", { name: w.pay }).click();
  await expect(page.getByText(w.firstNameError)).toBeVisible();
  await expectNoSeriousViolations(page, `${locale} checkout with errors ${width}`);
  await shot("2-checkout-errors");

  const l = w.labels;
  await page.getByLabel(l.firstName, { exact: true }).fill("Siti");
  await page.getByLabel(l.email, { exact: true }).fill(email);
  await page.getByLabel(l.phone, { exact: true }).fill("0812 3456 7890");
  await page.getByLabel(l.street, { exact: true }).fill("Jl. Malioboro No. 52");
  await page.getByLabel(l.city, { exact: true }).fill("Yogyakarta");
  await page.getByLabel(l.postalCode, { exact: true }).fill("55271");
  await page.getByLabel(l.courierPhone, { exact: true }).fill("0813 1111 2222");
  await page.getByRole("button", { name: w.pay }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);

  // The sandbox's stand-in Kredivo page, then back to the shop.
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{32}$/);
  const token = tokenFromUrl(page.url());
  await expect(page.getByTestId("order-status")).toHaveText(w.paid);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expectNoSeriousViolations(page, `${locale} order ${width}`);
  await shot("3-paid-order");

  // Exactly one confirmation, in the shopper's language, with the order's link and total.
  const order = db.order(token)!;
  const [mail, ...more] = await mailTo(email);
  expect(more).toHaveLength(0);
  expect(mail!.subject).toContain(w.subject);
  expect(mail!.subject).toContain(token.slice(0, 8).toUpperCase());
  expect(mail!.text).toContain(`${E2E.appUrl}/orders/${token}`);
  expect(mail!.html).toContain(`href="${E2E.appUrl}/orders/${token}"`);
  expect(mail!.text).toContain(`Rp ${order.total.toLocaleString("id-ID")}`);
  expect(mail!.html).toContain(`lang="${locale}"`);

  await page.goto(`${E2E.sandboxUrl}/_sandbox/mailbox/${mail!.id}`);
  await expect(page.getByText(mail!.subject!).first()).toBeVisible();
  await expect(
    page
      .frameLocator("iframe")
      .getByRole("table")
      .getByText(`Rp ${order.total.toLocaleString("id-ID")}`),
  ).toBeVisible();
  await shot("4-email");

  // No second copy: once the order's one outbox row is sent, with one try recorded, nothing is
  // left that the sender would send again; the mailbox then still holds the one email.
  await expect
    .poll(() => db.emails(order.id))
    .toEqual([
      { kind: "order_confirmation", recipient: email, status: "sent", tries: 1, deliveries: 1 },
    ]);
  expect((await sandbox.mail()).filter((m) => m.envelope.to.includes(email))).toHaveLength(1);
}

for (const [width, size] of [
  ["desktop", { width: 1280, height: 860 }],
  ["mobile", { width: 390, height: 844 }],
] as const) {
  test(`the whole purchase in Bahasa Indonesia, the default (${width})`, async ({ page }) => {
    await page.setViewportSize(size);
    await purchase(page, "id", width);
  });

  test(`the whole purchase in English, switched in the header (${width})`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await page.getByRole("button", { name: words.id.switchToOther, exact: true }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(
      page.getByRole("button", { name: words.en.switchToOther, exact: true }),
    ).toBeVisible();
    await purchase(page, "en", width);
  });
}

test("the back office speaks Indonesian by default", async ({ page }) => {
  await page.goto("/admin/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expectNoSeriousViolations(page, "sign-in id");
  await expect(page.getByRole("button", { name: "Masuk" })).toBeVisible();
});
