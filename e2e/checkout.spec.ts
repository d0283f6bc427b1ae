// The money path in a real browser against `next start` and the local DOKU sandbox. Every test
// checks the database as well as the page.
import { expect, test, type Page } from "@playwright/test";
import { ageAttempt, db } from "./support/db";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { startOwnApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, fillCheckout, tokenFromUrl } from "./support/shop";

const SHIRT = "Batik Tulis Parang Shirt";
const SHIRT_SLUG = "batik-tulis-parang-shirt";
const COFFEE = "Java Preanger Arabica Beans 250 g";

test.beforeEach(async () => {
  await sandbox.reset();
});

/** What the order must cost, computed here from the catalogue in the database. */
function expectedTotal(lines: [slug: string, quantity: number][]): number {
  const subtotal = lines.reduce((sum, [slug, qty]) => sum + db.productPrice(slug) * qty, 0);
  const shipping = new Map(
    lines
      .map(([slug]) => db.seller(slug))
      .filter((s) => s.type === "physical")
      .map((s) => [s.id, s.shippingFee]),
  );
  return subtotal + [...shipping.values()].reduce((a, b) => a + b, 0);
}

async function approveOnKredivo(page: Page) {
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{32}$/);
  return tokenFromUrl(page.url());
}

for (const viewport of [
  { name: "desktop", size: { width: 1280, height: 860 } },
  { name: "mobile", size: { width: 390, height: 844 } },
]) {
  test(`happy path to a paid order (${viewport.name}, with screenshots)`, async ({ page }) => {
    await page.setViewportSize(viewport.size);
    const shot = (step: string) =>
      page.screenshot({ path: screenshotPath(`${viewport.name}-${step}.png`), fullPage: true });

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shot("1-catalog");

    await addToCart(page, SHIRT, 2);
    await addToCart(page, COFFEE, 1);
    const total = expectedTotal([
      ["batik-tulis-parang-shirt", 2],
      ["java-preanger-arabica-250g", 1],
    ]);
    await expect(page.getByTestId("cart-total")).toContainText(total.toLocaleString("id-ID"));
    await shot("2-cart");

    await page.getByRole("link", { name: "Proceed to checkout" }).click();
    await fillCheckout(page);
    await shot("3-checkout");
    await page.getByRole("button", { name: "Pay with Kredivo" }).click();
    await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);
    await expect(page.getByText(SHIRT)).toBeVisible();
    await shot("4-kredivo");

    const token = await approveOnKredivo(page);
    await expect(page.getByTestId("order-status")).toHaveText("Paid");
    await shot("5-paid-order");

    const order = db.order(token)!;
    expect(order).toMatchObject({ status: "paid", total, customer_phone: "6281234567890" });
    const [attempt, ...more] = db.attempts(order.id);
    expect(more).toHaveLength(0);
    expect(attempt).toMatchObject({ status: "paid", amount: total });
    const outcomes = db.events(order.id).map((e) => `${e.kind}:${e.outcome}`);
    expect(outcomes).toEqual(["generate_order:pending", "notification:paid"]);
    // DOKU was asked for exactly what the database says, line by line.
    const atDoku = await sandbox.order(attempt!.invoice_number);
    expect(atDoku.amount).toBe(total);
    expect(atDoku.lineItems.reduce((s, li) => s + li.price * li.quantity, 0)).toBe(total);
  });
}

test("decline → failed → pay again → paid, with a new invoice number", async ({ page }) => {
  await addToCart(page, COFFEE, 3);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Payment failed");
  const token = tokenFromUrl(page.url());
  expect(db.order(token)!.status).toBe("failed");

  await page.getByRole("button", { name: "Pay again with Kredivo" }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);
  await approveOnKredivo(page);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");

  const order = db.order(token)!;
  expect(order.status).toBe("paid");
  const attempts = db.attempts(order.id);
  expect(attempts.map((a) => a.status)).toEqual(["failed", "paid"]);
  expect(attempts[0]!.invoice_number).not.toBe(attempts[1]!.invoice_number);
  expect(attempts.every((a) => a.amount === order.total)).toBe(true);
});

test("cancel at Kredivo → cancel page → back to cart, nothing paid, the units given back", async ({
  page,
}) => {
  const stockBefore = db.stock(SHIRT_SLUG);
  await addToCart(page, SHIRT, 1);
  await checkoutToKredivo(page);
  expect(db.stock(SHIRT_SLUG)).toBe(stockBefore - 1);
  await page.getByRole("button", { name: "Cancel and return to merchant" }).click();
  await expect(page.getByRole("heading", { name: "Payment cancelled" })).toBeVisible();
  const token = tokenFromUrl(page.url());

  const order = db.order(token)!;
  expect(order.status).toBe("pending");
  expect(db.events(order.id).map((e) => e.kind)).toEqual(["generate_order"]);

  await page.getByRole("button", { name: "Back to cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole("link", { name: SHIRT })).toBeVisible();
  // Going back to the cart cancels the unpaid order: its unit is released for the next order.
  expect(db.order(token)!.status).toBe("failed");
  expect(db.events(order.id).map((e) => e.kind)).toEqual(["generate_order", "shopper_cancel"]);
  expect(db.stockState(token)).toBe("released");
  expect(db.stock(SHIRT_SLUG)).toBe(stockBefore);
});

test("checkout form explains every mistake, before and after submit, and stores nothing", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 1);
  await page.goto("/checkout");
  const before = db.orderCount();

  await page.getByLabel("Email").fill("siti@");
  await page.getByLabel("Email").blur();
  await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();

  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page.getByText("Enter your first name")).toBeVisible();
  await expect(page.getByText("Enter your mobile number")).toBeVisible();
  await expect(
    page.getByText("Enter the postal code").or(page.getByText("Postal code must be 5 digits")),
  ).toBeVisible();
  await expect(page.getByLabel("First name", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await fillCheckout(page);
  await page.getByLabel("Mobile number").fill("021 555 1234");
  await page.getByLabel("Postal code", { exact: true }).fill("5527");
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(
    page.getByText("Enter an Indonesian mobile number, e.g. 0812 3456 7890"),
  ).toBeVisible();
  await expect(page.getByText("Postal code must be 5 digits")).toBeVisible();

  await page.getByLabel("Billing address same as shipping").uncheck();
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(
    page.getByText("Enter the billing address").or(page.getByText("Enter the first name")),
  ).toBeVisible();
  expect(db.orderCount()).toBe(before);
});

test("a tampered request cannot change the amount DOKU receives @faults", async ({
  page,
  context,
}) => {
  await addToCart(page, SHIRT, 1);
  const stockBefore = db.stock(SHIRT_SLUG);
  await page.goto("/checkout");
  await fillCheckout(page);
  // The server action's request as it leaves the browser ([form values, checkout key], as text):
  // prices, totals and quantities smuggled into the values, as a script posting it would.
  const forgedFields = {
    total: 1000,
    amount: 1000,
    subtotal: 1,
    shippingTotal: 0,
    price: 1,
    quantity: 99,
    items: [{ slug: SHIRT_SLUG, quantity: 99, price: 1 }],
  };
  const forged: { sent: string; values: Record<string, unknown> }[] = [];
  await page.route("**/checkout", async (route) => {
    const request = route.request();
    const body = request.postData();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !body)
      return route.continue();
    const [values, ...rest] = JSON.parse(body) as [Record<string, unknown>, ...unknown[]];
    const sent = JSON.stringify([{ ...values, ...forgedFields }, ...rest]);
    forged.push({ sent, values });
    await route.continue({ postData: sent });
  });
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);

  // The tampering applied: the one action request carried the forged fields along with the shopper's.
  expect(forged).toHaveLength(1);
  expect(forged[0]!.values).toMatchObject({ firstName: "Siti", email: "siti.rahayu@example.com" });
  expect(forged[0]!.values).not.toHaveProperty("total");
  expect(JSON.parse(forged[0]!.sent)[0]).toMatchObject({ firstName: "Siti", ...forgedFields });

  // The order, its lines, the stock and DOKU's amount are the server's own pricing of one shirt.
  const total = expectedTotal([[SHIRT_SLUG, 1]]);
  const attempt = db.latestAttempt();
  const order = db.order(db.tokenOfAttempt(attempt.id))!;
  expect(order.total).toBe(total);
  expect(attempt.amount).toBe(total);
  expect(db.items(order.id).filter((i) => i.kind === "product")).toEqual([
    {
      kind: "product",
      name: SHIRT,
      unit_price: db.productPrice(SHIRT_SLUG),
      quantity: 1,
      line_total: db.productPrice(SHIRT_SLUG),
    },
  ]);
  expect(db.stock(SHIRT_SLUG)).toBe(stockBefore - 1);
  const atDoku = await sandbox.order(attempt.invoice_number);
  expect(atDoku.amount).toBe(total);
  expect(atDoku.lineItems.find((li) => li.name === SHIRT)).toMatchObject({
    price: db.productPrice(SHIRT_SLUG),
    quantity: 1,
  });

  // A forged cart cookie is just an unknown cart: nothing to order.
  await page.unroute("**/checkout");
  await context.addCookies([
    { name: "tn_cart", value: "A".repeat(43), url: page.url().replace(/\/kredivo.*/, "") },
  ]);
  await context.addCookies([
    { name: "tn_cart", value: "A".repeat(43), domain: "localhost", path: "/" },
  ]);
  const orders = db.orderCount();
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/cart$/);
  expect(db.orderCount()).toBe(orders);
});

test("a notification delivered three times makes one transition @faults", async ({ page }) => {
  await sandbox.fault({ target: "notification", kind: "duplicate", copies: 3 });
  await addToCart(page, COFFEE, 2);
  await checkoutToKredivo(page);
  const token = await approveOnKredivo(page);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");

  const order = db.order(token)!;
  await expect
    .poll(() => db.events(order.id).filter((e) => e.kind === "notification").length)
    .toBe(3);
  const notifications = db.events(order.id).filter((e) => e.kind === "notification");
  expect(new Set(notifications.map((e) => e.request_id)).size).toBe(1);
  expect(notifications.map((e) => e.outcome).sort()).toEqual(["duplicate", "duplicate", "paid"]);
  expect(db.attempts(order.id).map((a) => a.status)).toEqual(["paid"]);
});

test("what a shopper types before the page's script has run is kept, and pays", async ({
  page,
}) => {
  // A slow phone network: the form is on screen before its script arrives. When the script has run,
  // the details typed meanwhile must still be there, in the field and in the order.
  await addToCart(page, SHIRT, 1);
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto("/checkout", { waitUntil: "domcontentloaded" });
  await fillCheckout(page);
  const firstName = page.getByLabel("First name", { exact: true });
  const hydrated = () =>
    firstName.evaluate((input) => Object.keys(input).some((key) => key.startsWith("__reactFiber")));
  expect(await hydrated()).toBe(false);
  release();
  await expect.poll(hydrated).toBe(true);
  await page.unrouteAll();
  await expect(firstName).toHaveValue("Siti");
  await expect(page.getByLabel("Phone for the courier")).toHaveValue("+62 813 1111 2222");

  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);
  const token = await approveOnKredivo(page);
  expect(db.customer(token)).toMatchObject({
    firstName: "Siti",
    lastName: "Rahayu",
    email: "siti.rahayu@example.com",
    shipping: { city: "Yogyakarta", postalCode: "55271" },
  });
});

test("returning before the notification shows pending at once, then paid @faults", async ({
  page,
}) => {
  // The notification is late, and the Check Status the return asks answers 500: the shopper sees
  // the order at once, pending, with no error, and the notification settles it. An app of its own
  // with no reconciler, so that the shopper's return is the only one asking DOKU.
  const app = await startOwnApp({ RECONCILE_INTERVAL_MS: "0" });
  try {
    await addToCart(page, SHIRT, 1, app.base);
    await checkoutToKredivo(page, app.base);
    const attempt = app.db.latestAttempt();
    // Old enough that the return asks DOKU (RECONCILE_MIN_AGE_MS; DOKU wants 60 s after payment).
    ageAttempt(attempt.id, Number(E2E.env.RECONCILE_MIN_AGE_MS) + 1_000, app.databaseUrl);
    await sandbox.fault({
      target: "check-status",
      kind: "error500",
      invoice: attempt.invoice_number,
    });
    await sandbox.fault({ target: "notification", kind: "delay", ms: 5000 });
    const checkStatusFaults = async () =>
      (await sandbox.faults()).filter((f) => f.target === "check-status");
    expect(await checkStatusFaults()).toMatchObject([
      { kind: "error500", invoice: attempt.invoice_number, remaining: 1 },
    ]);
    const token = await approveOnKredivo(page);
    expect(page.url()).toBe(`${app.base}/orders/${token}`);

    await expect(page.getByTestId("order-status")).toHaveText("Awaiting payment");
    await expect(page.getByText("Waiting for confirmation from Kredivo…")).toBeVisible();
    await expect(
      page.getByText("This page updates by itself when Kredivo confirms."),
    ).toBeVisible();
    await expect(page.getByText(/could not start or complete/)).toHaveCount(0);
    // The 500 was served: the app recorded DOKU's answer, DOKU was asked once, the fault is used up.
    const order = app.db.order(token)!;
    const checks = () => app.db.events(order.id).filter((e) => e.kind === "check_status");
    await expect.poll(() => checks().length).toBeGreaterThanOrEqual(1);
    const [check, ...moreChecks] = checks();
    expect(moreChecks).toHaveLength(0);
    expect(check).toMatchObject({ direction: "out", http_status: 500, outcome: "error:http" });
    expect((await sandbox.order(attempt.invoice_number)).checkStatusCalls).toBe(1);
    expect(await checkStatusFaults(), "the sandbox drops a fault once it is used up").toEqual([]);

    await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 20_000 });
    expect(app.db.order(token)!.status).toBe("paid");
    // In this order: the failed check before the delayed notification, which paid it.
    expect(app.db.events(order.id).map((e) => `${e.kind}:${e.outcome}`)).toEqual([
      "generate_order:pending",
      "check_status:error:http",
      "notification:paid",
    ]);
    expect((await sandbox.order(attempt.invoice_number)).checkStatusCalls).toBe(1);
  } finally {
    await app.close();
  }
});

test("a notification with nulls, gaps and unknown fields pays the order @faults", async ({
  page,
}) => {
  await sandbox.envelope("sparse");
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  const token = await approveOnKredivo(page);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const [notification] = db.events(db.order(token)!.id).filter((e) => e.kind === "notification");
  expect(JSON.parse(notification!.request_body!)).toMatchObject({
    service: null,
    peer_to_peer_info: null,
    transaction: { date: null, type: "SALE" },
  });
  expect(notification!.outcome).toBe("paid");
});

test("unknown order tokens and discontinued products are 404s", async ({ page }) => {
  for (const path of [
    "/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/orders/short",
    "/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel",
    "/products/lintas-x4-smartphone",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const response = await page.request.get("/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/return", {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
});
