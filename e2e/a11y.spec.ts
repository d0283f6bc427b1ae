// Accessibility: axe on every shop and back-office page (no serious or critical violations),
// a checkout and the back office done with the keyboard alone, and form errors that screen
// readers hear.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { notificationBody, postNotification, signNotification } from "./support/doku";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { addToCart, checkoutToKredivo, fillCheckout, tokenFromUrl } from "./support/shop";

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, { backwards = false, maxPresses = 60 } = {}) {
  for (
    let i = 0;
    i < maxPresses && !(await target.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test("axe: every shop page, on desktop and phone widths", async ({ page }) => {
  for (const size of [
    { width: 1280, height: 860 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.goto("/");
    await expectNoSeriousViolations(page, `catalog ${size.width}`);
    await addToCart(page, "Batik Kawung Canvas Tote", 1);
    await expectNoSeriousViolations(page, `cart ${size.width}`);
    await page.goto("/products/batik-kawung-tote");
    await expectNoSeriousViolations(page, `product ${size.width}`);
    await page.goto("/checkout");
    await page.getByRole("button", { name: "Pay with Kredivo" }).click();
    await expect(page.getByText("Enter your first name")).toBeVisible();
    await expectNoSeriousViolations(page, `checkout with errors ${size.width}`);
    await fillCheckout(page);
    await page.getByRole("button", { name: "Pay with Kredivo" }).click();
    await expect(page).toHaveURL(/\/kredivo\/signIn/);
    await page.getByRole("button", { name: "Cancel and return to merchant" }).click();
    await expect(page.getByRole("heading", { name: "Payment cancelled" })).toBeVisible();
    await expectNoSeriousViolations(page, `cancel ${size.width}`);
    const token = tokenFromUrl(page.url());
    await page.goto(`/orders/${token}`);
    await expectNoSeriousViolations(page, `order ${size.width}`);
    await page.goto("/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    await expectNoSeriousViolations(page, `not found ${size.width}`);
  }
});

test("axe: every back-office page", async ({ page }) => {
  await addToCart(page, "Batik Kawung Canvas Tote", 1);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  const token = tokenFromUrl(page.url());
  // So that the orders page also shows its "signed notifications without an order" section.
  const stray = JSON.stringify(
    notificationBody({ invoice: `INV-A11Y-${Date.now()}`, amount: 99_000, status: "SUCCESS" }),
  );
  expect((await postNotification(page.request, stray, signNotification(stray))).status).toBe(404);

  await page.goto("/admin/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
  await page.getByLabel("Email").fill(E2E.env.ADMIN_EMAIL);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in with error");
  await page.getByLabel("Password").fill(E2E.env.ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(page.getByTestId("unmatched")).toBeVisible();
  await expectNoSeriousViolations(page, "orders");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousViolations(page, "orders on a phone");
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`/admin/orders/${db.order(token)!.id}`);
  await expectNoSeriousViolations(page, "order detail");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousViolations(page, "order detail on a phone");
  await page.goto("/admin/stock");
  await expectNoSeriousViolations(page, "stock on a phone");
  await page.setViewportSize({ width: 1280, height: 860 });
  await expectNoSeriousViolations(page, "stock");
});

test("a whole checkout with the keyboard alone; errors are announced", async ({ page }) => {
  // Validation code loads on first focus: it must run under the CSP without a violation.
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
  });
  await page.goto("/");
  // Reach the first product by tabbing, as a keyboard user would.
  await tabTo(page, page.getByRole("link", { name: "Batik Tulis Parang Shirt" }));
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { level: 1, name: "Batik Tulis Parang Shirt" }),
  ).toBeVisible();
  await page.getByLabel("Quantity", { exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cart$/);

  await page.getByRole("link", { name: "Proceed to checkout" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByLabel("First name", { exact: true }).focus();
  // Submitting an empty form with the keyboard: errors appear, are announced, and focus moves to them.
  await page.keyboard.press("Enter");
  const firstName = page.getByLabel("First name", { exact: true });
  await expect(firstName).toHaveAttribute("aria-invalid", "true");
  const describedBy = await firstName.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy!.split(" ").at(-1)}"]`)).toHaveText(
    /Enter your first name/,
  );
  await expect(firstName).toBeFocused();

  for (const [label, value] of [
    ["First name", "Siti"],
    ["Email", "siti@example.com"],
    ["Mobile number", "081234567890"],
    ["Street address", "Jl. Malioboro 1"],
    ["City", "Yogyakarta"],
    ["Postal code", "55271"],
    ["Phone for the courier", "081234567890"],
  ] as const) {
    await page.getByLabel(label, { exact: true }).focus();
    await page.keyboard.type(value);
  }
  await page.getByRole("button", { name: "Pay with Kredivo" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/kredivo\/signIn/);
  await page.getByRole("button", { name: "Approve payment" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  expect(cspViolations).toEqual([]);
});

test("the back office with the keyboard alone: sign in, find an order, ask DOKU, sign out", async ({
  page,
}) => {
  await addToCart(page, "Batik Kawung Canvas Tote", 1);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  const token = tokenFromUrl(page.url());

  await page.goto("/admin/sign-in");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(E2E.env.ADMIN_EMAIL);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("wrong-password");
  await page.keyboard.press("Enter");
  // The refusal is announced (role=alert) and tied to the fields it is about.
  await expect(
    page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }),
  ).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", "sign-in-error");
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(E2E.env.ADMIN_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

  await tabTo(page, page.getByLabel("Search"));
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  const orderLink = page.getByRole("link", { name: token.slice(0, 8).toUpperCase() });
  await expect(orderLink).toBeVisible();
  await tabTo(page, orderLink);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    token.slice(0, 8).toUpperCase(),
  );

  const checkStatus = page.getByRole("button", { name: "Check status with DOKU" }).first();
  await tabTo(page, checkStatus);
  await page.screenshot({ path: "test-results/keyboard-admin-focus.png" });
  await page.keyboard.press("Enter");
  // DOKU's answer lands in a polite live region next to the button.
  await expect(page.getByRole("status").filter({ hasText: "DOKU says" }).first()).toContainText(
    "DOKU says SUCCESS",
  );

  await tabTo(page, page.getByRole("button", { name: "Sign out" }), { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});
