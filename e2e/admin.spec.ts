// The merchant back office: sign-in guards every page and action, the order timeline shows every
// DOKU exchange, and the reconciler settles what notifications did not.
import { expect, test, type Page } from "@playwright/test";
import { db, holdFromReconciler, releaseToReconciler } from "./support/db";
import { notificationBody, postNotification, signNotification } from "./support/doku";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { addToCart, checkoutToKredivo, shopper, tokenFromUrl } from "./support/shop";

const COFFEE = "Java Preanger Arabica Beans 250 g";

test.beforeEach(async () => {
  await sandbox.reset();
});

async function signIn(page: Page, password: string = E2E.env.ADMIN_PASSWORD) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(E2E.env.ADMIN_EMAIL);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (password === E2E.env.ADMIN_PASSWORD) {
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  }
}

/** A shopper's order left at the Kredivo page: its token and invoice. */
async function orderAtKredivo(page: Page) {
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  const attempt = db.latestAttempt();
  const token = db.tokenOfAttempt(attempt.id);
  return { token, invoice: attempt.invoice_number, orderId: db.order(token)!.id };
}

test("every admin page needs a session, checked by the page itself", async ({ page, context }) => {
  for (const path of ["/admin", "/admin/stock", "/admin/orders/1", "/admin?status=paid"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/admin\/sign-in/);
  }
  // A cookie that merely looks like a session gets past the proxy, not past the page.
  await context.addCookies([
    { name: "authjs.session-token", value: "forged", domain: "localhost", path: "/" },
  ]);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("a wrong password is refused with one generic message", async ({ page }) => {
  await signIn(page, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("a paid order's timeline shows generate-order, the notification and the state change", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 2);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const token = tokenFromUrl(page.url());
  const order = db.order(token)!;

  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("admin-1-orders.png"), fullPage: true });
  await page.getByLabel("Search").fill(token);
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("link", { name: token.slice(0, 8).toUpperCase() }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${order.id}$`));

  const events = page.getByTestId("admin-timeline").getByTestId("timeline-event");
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toHaveAttribute("data-kind", "generate_order");
  await expect(events.nth(0)).toHaveAttribute("data-outcome", "pending");
  await expect(events.nth(1)).toHaveAttribute("data-kind", "notification");
  await expect(events.nth(1)).toHaveAttribute("data-outcome", "paid");
  const [attempt] = db.attempts(order.id);
  await expect(page.getByText(attempt!.invoice_number).first()).toBeVisible();
  await page
    .locator("details")
    .first()
    .evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.screenshot({ path: screenshotPath("admin-2-order.png"), fullPage: true });
  // Headers are shown redacted: never the whole signature.
  await expect(page.getByText(/HMACSHA256=[A-Za-z0-9+/]{40,}=/)).toHaveCount(0);
});

test("the order's emails: a refused confirmation is retried and sent; staff resend it", async ({
  page,
}) => {
  // The mailbox refuses the first try: the sender retries and the back office tells the story.
  await sandbox.refuseMail(1);
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const order = db.order(tokenFromUrl(page.url()))!;
  const [first] = await mailTo(shopper.email);
  expect(first!.subject).toContain("is paid");

  await signIn(page);
  await page.goto(`/admin/orders/${order.id}`);
  const emails = page.getByRole("region", { name: "Emails" });
  const row = emails.locator("[data-testid=email-row][data-kind=order_confirmation]");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-status", "sent");

  await row.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByTestId("resend-result").first()).toContainText("Queued again");
  await mailTo(shopper.email, 2);
  await page.reload();
  await expect(emails.locator("[data-testid=email-row][data-kind=order_confirmation]")).toHaveCount(
    2,
  );
  await expect(
    emails.locator("[data-testid=email-row][data-kind=order_confirmation][data-status=sent]"),
  ).toHaveCount(2);
});

test("an admin action without a session is refused and changes nothing @faults", async ({
  page,
  context,
}) => {
  const { orderId } = await orderAtKredivo(page);
  await signIn(page);
  await page.goto(`/admin/orders/${orderId}`);
  const button = page.getByRole("button", { name: "Check status with DOKU" }).first();
  await expect(button).toBeVisible();

  await context.clearCookies();
  await button.click();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  expect(db.events(orderId).map((e) => e.kind)).toEqual(["generate_order"]);
});

test("with every notification dropped, the reconciler pays an approved order @faults", async ({
  page,
}) => {
  const { token, invoice, orderId } = await orderAtKredivo(page);
  // Held off the reconciler until the dropped notification is proven: "pending" is then the drop's doing.
  const [attempt] = db.attempts(orderId);
  holdFromReconciler(attempt!.id);
  await sandbox.fault({ target: "notification", kind: "drop", count: 1000 });
  await sandbox.approve(invoice);
  await expect
    .poll(async () => (await sandbox.order(invoice)).deliveries.length)
    .toBeGreaterThanOrEqual(1);
  expect(db.order(token)!.status).toBe("pending");
  expect(db.events(orderId).map((e) => `${e.kind}:${e.outcome}`)).toEqual([
    "generate_order:pending",
  ]);

  // Due at once (RECONCILE_MIN_AGE_MS is 12 s in the e2e server): its next pass (every 1 s) pays it.
  releaseToReconciler(attempt!.id);
  await expect.poll(() => db.order(token)!.status, { timeout: 30_000 }).toBe("paid");
  const outcomes = db.events(orderId).map((e) => `${e.kind}:${e.outcome}`);
  expect(outcomes).toEqual(["generate_order:pending", "check_status:paid"]);
  const { deliveries, checkStatusCalls } = await sandbox.order(invoice);
  expect(deliveries.length).toBeGreaterThanOrEqual(1);
  expect(deliveries.every((d) => d.dropped)).toBe(true);
  expect(checkStatusCalls).toBe(1);
});

test("an abandoned order becomes expired @faults", async ({ page }) => {
  const { token, invoice, orderId } = await orderAtKredivo(page);
  await fetch(`${E2E.sandboxUrl}/_sandbox/orders/${invoice}/expire`, { method: "POST" });

  await expect
    .poll(() => db.order(token)!.status, { timeout: 30_000, intervals: [1000] })
    .toBe("expired");
  expect(db.attempts(orderId).map((a) => a.status)).toEqual(["expired"]);
  await page.goto(`/orders/${token}`);
  await expect(page.getByTestId("order-status")).toHaveText("Payment expired");
  await expect(page.getByRole("button", { name: "Pay again with Kredivo" })).toBeVisible();
});

test("a signed notification for an invoice we never made is shown to staff until marked reviewed @faults", async ({
  page,
}) => {
  const invoice = `INV-STRAY-${Date.now()}`;
  const body = JSON.stringify(notificationBody({ invoice, amount: 250_000, status: "SUCCESS" }));
  const headers = signNotification(body);
  expect((await postNotification(page.request, body, headers)).status).toBe(404);
  // A forgery for another unknown invoice is not shown: only DOKU can sign.
  const forged = JSON.stringify(
    notificationBody({ invoice: `${invoice}-FORGED`, amount: 1, status: "SUCCESS" }),
  );
  expect(
    (
      await postNotification(page.request, forged, {
        ...signNotification(forged),
        Signature: "HMACSHA256=forged",
      })
    ).status,
  ).toBe(401);

  await signIn(page);
  const row = page.getByTestId("unmatched-row").filter({ hasText: invoice });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Rp 250.000");
  await expect(row).toContainText("unknown_invoice (404)");
  await expect(row).toContainText(headers["Request-Id"]);
  await expect(page.getByTestId("unmatched")).not.toContainText(`${invoice}-FORGED`);
  await page.getByTestId("unmatched").screenshot({ path: screenshotPath("admin-3-unmatched.png") });

  await row.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByTestId("unmatched-row").filter({ hasText: invoice })).toHaveCount(0);
  expect(db.eventsByRequestId(headers["Request-Id"]).map((e) => e.reviewed_at !== null)).toEqual([
    true,
  ]);
});

test("the stock page shows what is on sale and what unpaid orders hold, as the database has it", async ({
  page,
}) => {
  const slug = "java-preanger-arabica-250g";
  const cells = async () => {
    const row = page.locator(`[data-testid="stock-row"][data-slug="${slug}"]`);
    await expect(row).toContainText(COFFEE);
    const count = async (id: string) =>
      Number((await row.getByTestId(id).innerText()).replace(/\./g, ""));
    return { available: await count("stock-available"), held: await count("stock-held") };
  };
  await signIn(page);
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Stock" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Stock" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Stock" })).toHaveAttribute("aria-current", "page");
  const before = await cells();
  expect(before.available).toBe(db.stock(slug));

  // An order waiting at Kredivo holds its unit; once paid, the unit is sold and no longer held.
  const { token } = await orderAtKredivo(page);
  await page.goto("/admin/stock");
  expect(await cells()).toEqual({ available: before.available - 1, held: before.held + 1 });
  await page.screenshot({ path: screenshotPath("admin-4-stock.png"), fullPage: true });

  await page.goto(`/orders/${token}`);
  expect(db.order(token)!.status).toBe("pending");
  await sandbox.approve(db.latestAttempt().invoice_number);
  await expect.poll(() => db.order(token)!.status, { timeout: 15_000 }).toBe("paid");
  await page.goto("/admin/stock");
  expect(await cells()).toEqual({ available: before.available - 1, held: before.held });
});
