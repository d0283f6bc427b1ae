// Shipping through the browser: a staff member ships a paid order's parcel with the keyboard alone
// (a wrong-shaped number refused first, under its field), the shopper sees the parcel with its
// courier, copyable tracking number and tracking link in English and in Bahasa Indonesia, gets
// exactly one "on its way" email, and a correction keeps both numbers without a second email.
// Axe on each changed page; screenshots of the ship form, the shopper's page and the email.
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { addToCart, checkoutToKredivo, shopper, tokenFromUrl } from "./support/shop";
import { newStaffEmail, seedStaff } from "./support/staff";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const PASSWORD = "fulfilment-e2e-password-01";

test.beforeEach(async () => {
  await sandbox.reset();
});

function namedStaff(): { email: string; name: string } {
  const email = newStaffEmail("shipping");
  const name = `Rina ${randomBytes(3).toString("hex")}`;
  seedStaff(email, PASSWORD);
  const conn = new Database(E2E.env.DATABASE_URL);
  try {
    conn.prepare("UPDATE users SET name = ? WHERE email = ?").run(name, email);
  } finally {
    conn.close();
  }
  return { email, name };
}

async function signInAs(page: Page, email: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, maxPresses = 150) {
  for (
    let i = 0;
    i < maxPresses && !(await target.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

async function setLanguage(context: BrowserContext, locale: "id" | "en") {
  await context.addCookies([
    { name: "NEXT_LOCALE", value: locale, domain: "localhost", path: "/", sameSite: "Lax" },
  ]);
}

const shippedMails = async (email: string) =>
  (await sandbox.mail()).filter(
    (m) => m.envelope.to.includes(email) && /on its way|sudah dikirim/.test(m.subject ?? ""),
  );

test("staff ship a parcel by keyboard; the shopper sees it in both languages and gets one email; a correction keeps both", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const email = `ship.${randomBytes(4).toString("hex")}@example.com`;
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page, "", { ...shopper, email });
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const token = tokenFromUrl(page.url());
  const order = db.order(token)!;
  const parcelOnShop = page.getByTestId("shopper-parcel");
  await expect(parcelOnShop).toContainText("From Kopi Lereng Malabar");
  await expect(parcelOnShop).toContainText("Being packed");
  await mailTo(email);

  // The back office, by keyboard alone: courier by type-ahead, a number of the wrong shape first.
  const staff = namedStaff();
  await signInAs(page, staff.email);
  await page.goto(`/admin/orders/${order.id}`);
  const parcel = page.getByTestId("parcels").getByTestId("parcel");
  await expect(parcel).toContainText("Awaiting shipment");
  const courier = parcel.getByLabel("Courier", { exact: true });
  await tabTo(page, courier);
  await page.keyboard.type("SiCepat");
  await expect(courier).toHaveValue("sicepat");
  await page.keyboard.press("Tab");
  const number = parcel.getByLabel("Tracking number (resi)");
  await expect(number).toBeFocused();
  await page.keyboard.type("JP-12");
  const ship = parcel.getByRole("button", { name: "Ship parcel" });
  await tabTo(page, ship);
  await page.keyboard.press("Enter");
  await expect(
    parcel.getByText("This does not look like a tracking number of this courier"),
  ).toBeVisible();
  await expect(number).toBeFocused();
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page, "order page with the ship form");
  await page
    .getByTestId("parcels")
    .screenshot({ path: screenshotPath("shipping-1-admin-ship-form.png") });
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(" 000123456789 ");
  await tabTo(page, ship);
  await page.keyboard.press("Enter");
  await expect(parcel.getByTestId("parcel-status")).toHaveText(
    "Parcel shipped. The shopper’s shipping email is queued.",
  );
  await expect(parcel.getByTestId("parcel-tracking")).toContainText("SiCepat 000123456789");
  await expect(parcel).toContainText("Shipped");
  await expectNoSeriousViolations(page, "order page with a shipped parcel");

  // One "on its way" email, with the number and the courier's page.
  await mailTo(email, 2);
  const [mail, ...more] = await shippedMails(email);
  expect(more).toHaveLength(0);
  expect(mail!.subject).toContain(token.slice(0, 8).toUpperCase());
  expect(mail!.text).toContain("000123456789");
  expect(mail!.text).toContain("SiCepat");
  expect(mail!.html).toContain('href="https://www.sicepat.com/checkAwb"');
  expect(mail!.html).toContain(`href="${E2E.appUrl}/orders/${token}"`);
  await expect
    .poll(() => db.emails(order.id).filter((e) => e.kind === "parcel_shipped"))
    .toEqual([
      { kind: "parcel_shipped", recipient: email, status: "sent", tries: 1, deliveries: 1 },
    ]);
  await page.goto(`${E2E.sandboxUrl}/_sandbox/mailbox/${mail!.id}`);
  await expect(page.frameLocator("iframe").getByText("000123456789")).toBeVisible();
  await page.screenshot({ path: screenshotPath("shipping-3-email.png"), fullPage: true });

  // The shopper's page, in English then in Bahasa Indonesia.
  await page.goto(`/orders/${token}`);
  await expect(parcelOnShop).toContainText("On its way");
  await expect(parcelOnShop).toContainText("SiCepat");
  await expect(parcelOnShop.getByTestId("tracking-number")).toHaveText("000123456789");
  await expect(parcelOnShop.getByTestId("tracking-link")).toHaveAttribute(
    "href",
    "https://www.sicepat.com/checkAwb",
  );
  await parcelOnShop.getByRole("button", { name: "Copy the tracking number 000123456789" }).click();
  await expect(parcelOnShop.getByTestId("copy-tracking")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("000123456789");
  await expectNoSeriousViolations(page, "shopper's shipped order (en)");
  await page.screenshot({
    path: screenshotPath("shipping-2-shopper-order-en.png"),
    fullPage: true,
  });

  await setLanguage(context, "id");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(parcelOnShop).toContainText("Dari Kopi Lereng Malabar");
  await expect(parcelOnShop).toContainText("Dalam pengiriman");
  await expect(parcelOnShop).toContainText("Nomor resi");
  await expect(parcelOnShop.getByTestId("tracking-link")).toContainText("Lacak di halaman SiCepat");
  await expectNoSeriousViolations(page, "shopper's shipped order (id)");
  await page.screenshot({
    path: screenshotPath("shipping-2-shopper-order-id.png"),
    fullPage: true,
  });
  await setLanguage(context, "en");

  // A correction, by keyboard: the new number is current, the old one listed, no second email.
  await page.goto(`/admin/orders/${order.id}`);
  await tabTo(page, parcel.getByText("Correct the tracking number"));
  await page.keyboard.press("Enter");
  const corrected = parcel.getByTestId("correct-form").getByLabel("Tracking number (resi)");
  await tabTo(page, corrected);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("000123456780");
  await tabTo(page, parcel.getByRole("button", { name: "Save correction" }));
  await page.keyboard.press("Enter");
  await expect(parcel.getByTestId("parcel-status")).toHaveText(
    "Tracking number corrected; the earlier one is kept.",
  );
  await expect(parcel.getByTestId("parcel-tracking")).toContainText("000123456780");
  await expect(parcel.getByTestId("parcel-earlier")).toContainText("000123456789");
  await expect(parcel.getByTestId("parcel-earlier")).toContainText(staff.name);
  await expectNoSeriousViolations(page, "order page after a correction");
  await page
    .getByTestId("parcels")
    .screenshot({ path: screenshotPath("shipping-4-admin-corrected.png") });
  expect(db.emails(order.id).filter((e) => e.kind === "parcel_shipped")).toHaveLength(1);

  await page.goto(`/orders/${token}`);
  await expect(parcelOnShop.getByTestId("tracking-number")).toHaveText("000123456780");
  await expect(parcelOnShop).not.toContainText("000123456789");
  expect(await shippedMails(email)).toHaveLength(1);
});
