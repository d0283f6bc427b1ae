// Cancelling and refunding through the browser: an owner records a partial refund with the
// keyboard alone (a bad form first, answered field by field), reads what to do in DOKU's Back
// Office, confirms it with DOKU's reference; the shopper's order page shows paid, refunded and
// net in both languages, and each email arrives once. Staff cancel an unpaid order. And two owners
// on two instances on one PostgreSQL submitting the same refund at once: recorded once.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { openDatabase, type Database as AppDatabase } from "@/lib/db/connection";
import { orderItems, orders, paymentAttempts, products, refunds } from "@/lib/db/schema/postgres";
import {
  createDatabase,
  startPostgres,
  type PostgresServer,
} from "@/tests/support/postgres-server";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { answers, startApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, shopper, signInAsAdmin, tokenFromUrl } from "./support/shop";
import { newStaffEmail, seedStaff } from "./support/staff";

const COFFEE = "Java Preanger Arabica Beans 250 g";

test.beforeEach(async () => {
  await sandbox.reset();
});

/** The paid attempt's invoice number, from the e2e database. */
function invoiceOf(orderId: number): string {
  const conn = new Database(E2E.env.DATABASE_URL, { readonly: true });
  try {
    return (
      conn
        .prepare(
          "SELECT invoice_number FROM payment_attempts WHERE order_id = ? ORDER BY id DESC LIMIT 1",
        )
        .get(orderId) as { invoice_number: string }
    ).invoice_number;
  } finally {
    conn.close();
  }
}

function refundRows(orderId: number) {
  const conn = new Database(E2E.env.DATABASE_URL, { readonly: true });
  try {
    return conn.prepare("SELECT * FROM refunds WHERE order_id = ? ORDER BY id").all(orderId) as {
      state: string;
      amount: number;
      completed_via: string | null;
      provider_reference: string | null;
    }[];
  } finally {
    conn.close();
  }
}

async function paidOrder(page: Page, quantity: number) {
  await addToCart(page, COFFEE, quantity);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const token = tokenFromUrl(page.url());
  await mailTo(shopper.email);
  return { token, order: db.order(token)! };
}

test("an owner records a partial refund keyboard-only, quotes it to DOKU, confirms it; the shopper sees paid, refunded and net", async ({
  page,
  browser,
}) => {
  const { token, order } = await paidOrder(page, 2);
  const invoice = invoiceOf(order.id);
  const coffeePrice = (order.subtotal / 2) | 0;
  await signInAsAdmin(page);
  await page.goto(`/admin/orders/${order.id}`);
  const panel = page.getByTestId("refund-panel");
  await expect(panel.getByTestId("money-paid")).toContainText(order.total.toLocaleString("id-ID"));

  // A bad form first: a quantity that is not one and no reason, each named at its field.
  await page.getByLabel(`Units of ${COFFEE} to refund`).focus();
  await page.keyboard.type("x");
  await page.keyboard.press("Enter");
  await expect(panel.getByText("Type a whole number of units, 0 or more.")).toBeVisible();
  await expect(panel.getByText("Say why, for the record.")).toBeVisible();
  await expect(page.getByLabel(`Units of ${COFFEE} to refund`)).toBeFocused();
  // More units than were bought.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("3");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Bag arrived torn");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(panel.getByText("More units than are left to refund on this line.")).toBeVisible();

  // The real one: one bag back, less 5,000, units back on sale; all by keyboard.
  await page.getByLabel(`Units of ${COFFEE} to refund`).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("1");
  await page.keyboard.press("Tab"); // the shipping line
  await page.keyboard.press("Tab"); // the adjustment
  await page.keyboard.type("-5000");
  await page.keyboard.press("Tab"); // the reason (kept from the last try)
  await page.keyboard.press("Tab"); // restock
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab"); // the button
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("refund-recorded")).toBeVisible();

  const amount = coffeePrice - 5_000;
  const rupiah = (n: number) => `Rp ${n.toLocaleString("id-ID")}`;
  const requested = panel.locator("[data-testid^=refund-requested-]");
  await expect(requested).toHaveCount(1);
  await expect(requested.getByTestId("refund-invoice")).toHaveText(invoice);
  await expect(requested.getByTestId("refund-quote")).toContainText(amount.toLocaleString("id-ID"));
  await expect(requested.getByTestId("refund-steps")).toContainText(invoice);
  await expect(requested.getByTestId("refund-window")).toContainText(
    "14 days left of the 14-day refund window",
  );
  expect(refundRows(order.id)).toMatchObject([{ state: "requested", amount }]);
  // The README's picture: the form, and the refund recorded with what to do in DOKU's Back Office.
  await panel.screenshot({ path: screenshotPath("admin-8-refund-form.png") });
  await expectNoSeriousViolations(page, "admin order page with a requested refund");

  // DOKU made it: the owner confirms with DOKU's reference, by keyboard.
  await requested.getByLabel("DOKU's reference").focus();
  await page.keyboard.type("DOKU-RF-20260308-01");
  await page.keyboard.press("Enter");
  // Confirmed: the refund moves from "requested" to "completed".
  await expect(panel.locator("[data-testid^=refund-completed-]")).toContainText(
    "DOKU-RF-20260308-01",
  );
  await expect(requested).toHaveCount(0);
  await expect(panel.getByTestId("money-refunded")).toContainText(amount.toLocaleString("id-ID"));
  await expect(panel.getByTestId("money-net")).toContainText(
    (order.total - amount).toLocaleString("id-ID"),
  );
  expect(refundRows(order.id)).toMatchObject([
    { state: "completed", completed_via: "owner", provider_reference: "DOKU-RF-20260308-01" },
  ]);
  expect(db.order(token)!.status).toBe("paid");

  // The shopper, in both languages.
  for (const [locale, words] of [
    ["en", { paid: "Paid", refunded: "Refunded", net: "Net paid" }],
    ["id", { paid: "Dibayar", refunded: "Dikembalikan", net: "Bersih dibayar" }],
  ] as const) {
    const context = await browser.newContext({
      storageState: { cookies: [], origins: [] },
    });
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: E2E.appUrl }]);
    const shopperPage = await context.newPage();
    await shopperPage.goto(`/orders/${token}`);
    const box = shopperPage.getByTestId("shopper-refunds");
    await expect(box.getByTestId("shopper-money-paid")).toContainText(words.paid);
    await expect(box.getByTestId("shopper-money-paid")).toContainText(
      order.total.toLocaleString("id-ID"),
    );
    await expect(box.getByTestId("shopper-money-refunded")).toContainText(words.refunded);
    await expect(box.getByTestId("shopper-money-refunded")).toContainText(
      amount.toLocaleString("id-ID"),
    );
    await expect(box.getByTestId("shopper-money-net")).toContainText(words.net);
    await expect(box.getByTestId("shopper-money-net")).toContainText(
      (order.total - amount).toLocaleString("id-ID"),
    );
    await expectNoSeriousViolations(shopperPage, `shopper order page with a refund (${locale})`);
    await context.close();
  }

  // One email per news: the confirmation, the refund on its way, the refund done.
  const mails = await mailTo(shopper.email, 3);
  const subjects = mails.map((m) => m.subject ?? "");
  expect(subjects.filter((s) => s.includes("is on its way"))).toHaveLength(1);
  expect(subjects.filter((s) => s.includes("is done"))).toHaveLength(1);
  expect(mails.find((m) => m.subject?.includes("is on its way"))?.text).toContain(rupiah(amount));
  expect((await sandbox.mail()).filter((m) => m.envelope.to.includes(shopper.email))).toHaveLength(
    3,
  );
});

test("staff cancel an unpaid order: its units go back, the shopper is told nothing was charged", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  const [pending] = (await sandbox.orders()).slice(-1);
  const attempt = new Database(E2E.env.DATABASE_URL, { readonly: true });
  const { order_id: orderId } = attempt
    .prepare("SELECT order_id FROM payment_attempts WHERE invoice_number = ?")
    .get(pending!.invoiceNumber) as { order_id: number };
  attempt.close();

  const email = newStaffEmail("cancel");
  const password = "cancel-e2e-password-01";
  seedStaff(email, password);
  const conn = new Database(E2E.env.DATABASE_URL);
  conn.prepare("UPDATE users SET role = 'staff' WHERE email = ?").run(email);
  conn.close();
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await page.goto(`/admin/orders/${orderId}`);

  const cancel = page.getByTestId("cancel-unpaid");
  await cancel.getByText("Cancel this unpaid order…").focus();
  await page.keyboard.press("Enter");
  await cancel.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(cancel.getByText("Say why, for the record.")).toBeVisible();
  await cancel.getByLabel("Reason").fill("Shopper asked by phone");
  await cancel.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(page.getByTestId("order-cancelled")).toContainText("Cancelled");
  await expect(page.getByTestId("cancel-unpaid")).toHaveCount(0);
  await expectNoSeriousViolations(page, "admin order page, cancelled");
  // Its units are back on sale (the shop-wide count moves with other orders' expiries too).
  const check = new Database(E2E.env.DATABASE_URL, { readonly: true });
  expect(check.prepare("SELECT status, stock_state FROM orders WHERE id = ?").get(orderId)).toEqual(
    { status: "cancelled", stock_state: "released" },
  );
  check.close();
  const [mail] = await mailTo(shopper.email);
  expect(mail!.subject).toContain("has been cancelled");
  expect(mail!.text).toContain("Nothing was charged");
});

test.describe("two owners on two instances on one PostgreSQL @faults", () => {
  test.setTimeout(180_000);
  const PORTS = [3203, 3204] as const;
  let postgres: PostgresServer;
  let url: string;
  let database: AppDatabase;
  let apps: ReturnType<typeof startApp>[] = [];
  const owners = [0, 1].map((i) => ({
    email: `owner-${i}-${randomBytes(3).toString("hex")}@e2e.example`,
    password: "two-owners-password-01",
  }));

  const instanceEnv = (port: number, extra: Record<string, string> = {}) => ({
    ...process.env,
    ...E2E.env,
    DATABASE_URL: url,
    APP_BASE_URL: `http://localhost:${port}`,
    RECONCILE_INTERVAL_MS: "0",
    ...extra,
  });

  test.beforeAll(async () => {
    postgres = await startPostgres();
    url = await createDatabase(postgres.url, `e2e_${randomBytes(4).toString("hex")}`);
    for (const owner of owners)
      execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], {
        env: instanceEnv(PORTS[0], { ADMIN_EMAIL: owner.email, ADMIN_PASSWORD: owner.password }),
        stdio: "ignore",
      });
    database = openDatabase(url);
    for (const port of PORTS)
      expect(await answers(`http://localhost:${port}/`), `port ${port} must be free`).toBeNull();
    apps = PORTS.map((port) => startApp(instanceEnv(port), port));
    for (const port of PORTS)
      await expect
        .poll(() => answers(`http://localhost:${port}/api/ready`), { timeout: 60_000 })
        .toBe(200);
  });
  test.afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.close();
    await postgres?.stop();
  });

  /** A paid order of two bags of coffee, written to PostgreSQL as a paid notification leaves it. */
  async function paidPgOrder() {
    return database.transaction(async (tx) => {
      const [coffee] = await tx
        .select()
        .from(products)
        .where(eq(products.slug, "java-preanger-arabica-250g"));
      const address = {
        firstName: "Wulan",
        address: "Jl. Gejayan 7",
        city: "Sleman",
        postalCode: "55281",
        phone: "6281311112222",
        countryCode: "IDN" as const,
      };
      const subtotal = coffee!.price * 2;
      const [order] = await tx
        .insert(orders)
        .values({
          publicToken: randomBytes(24).toString("base64url"),
          checkoutKey: randomUUID(),
          status: "paid",
          stockState: "sold",
          paidAt: new Date(),
          customerFirstName: "Wulan",
          customerEmail: "wulan@example.com",
          customerPhone: "6281311112222",
          shippingAddress: address,
          billingAddress: address,
          subtotal,
          shippingTotal: 15_000,
          total: subtotal + 15_000,
        })
        .returning();
      await tx.insert(orderItems).values({
        orderId: order!.id,
        kind: "product",
        productId: coffee!.id,
        sellerId: coffee!.sellerId,
        name: coffee!.name,
        sku: coffee!.sku,
        itemType: "physical",
        unitPrice: coffee!.price,
        quantity: 2,
        lineTotal: subtotal,
      });
      const invoice = `INV-E2E-RF-${randomBytes(6).toString("hex").toUpperCase()}`;
      await tx.insert(paymentAttempts).values({
        orderId: order!.id,
        amount: order!.total,
        status: "paid",
        invoiceNumber: invoice,
        merchantUniqueReference: `MUR-${invoice}`,
        requestId: randomUUID(),
        settledAt: new Date(),
      });
      return { order: order!, coffee: coffee! };
    });
  }

  async function ownerPage(browser: Browser, port: number, owner: (typeof owners)[number]) {
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
    const page = await context.newPage();
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    return page;
  }

  test("the same refund submitted by two owners on two instances at once is recorded once, never over the paid amount", async ({
    browser,
  }) => {
    const { order, coffee } = await paidPgOrder();
    const pages = await Promise.all(PORTS.map((port, i) => ownerPage(browser, port, owners[i]!)));
    for (const page of pages) {
      await page.goto(`/admin/orders/${order.id}`);
      await page.getByLabel(`Units of ${coffee.name} to refund`).fill("2");
      await page.getByTestId("refund-form").getByLabel("Reason").fill("Both bags spoiled");
    }
    await Promise.all(
      pages.map((page) => page.getByRole("button", { name: "Record refund" }).click()),
    );
    const outcomes = await Promise.all(
      pages.map(async (page) => {
        const recorded = page.getByTestId("refund-recorded");
        const refused = page.getByTestId("refund-error");
        await expect(recorded.or(refused)).toBeVisible();
        return (await recorded.isVisible()) ? "recorded" : await refused.innerText();
      }),
    );
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1);
    const rows = await database.run((d) =>
      d.select().from(refunds).where(eq(refunds.orderId, order.id)),
    );
    expect(rows).toHaveLength(1);
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(order.total);
    for (const page of pages) await page.context().close();
  });
});
