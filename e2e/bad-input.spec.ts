// Bad input from shoppers and from anyone who can reach the notification endpoint: each gets a
// clear answer, and nothing wrong is stored. Every test checks the database.
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { db, holdFromReconciler } from "./support/db";
import { notificationBody, postNotification, signNotification } from "./support/doku";
import { sandbox } from "./support/sandbox";
import {
  addToCart,
  cartCookie,
  checkoutToKredivo,
  fillCheckout,
  forgeFormField,
  shopper,
  signInAsAdmin,
  tokenFromUrl,
} from "./support/shop";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const COFFEE_SLUG = "java-preanger-arabica-250g";

test.beforeEach(async () => {
  await sandbox.reset();
});

/** Places an order for `who` and answers its token (read from the database, not a URL). */
async function placeOrder(page: Page, who = shopper) {
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page, "", who);
  const attempt = db.latestAttempt();
  return { token: db.tokenOfAttempt(attempt.id), invoice: attempt.invoice_number, attempt };
}

// ------------------------------------------------------------------------- checkout ----

test("over-long and blank checkout fields are refused by the form and by the server @faults", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 1);
  const cart = (await cartCookie(page))!;
  await page.goto("/checkout");
  const orders = db.orderCount();

  await fillCheckout(page, {
    ...shopper,
    firstName: "A".repeat(61),
    address: "B".repeat(201),
    city: "   ",
  });
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page.getByText("First name must be at most 60 characters")).toBeVisible();
  await expect(page.getByText("Street address must be at most 200 characters")).toBeVisible();
  await expect(page.getByText("Enter the city")).toBeVisible();
  await expect(page.getByLabel("First name", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  expect(db.orderCount()).toBe(orders);

  // The browser is not trusted: the same values smuggled past the form meet the same rules.
  await fillCheckout(page);
  await page.route("**/checkout", async (route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || !body) return route.continue();
    const forged = body
      .replace(`"firstName":"${shopper.firstName}"`, `"firstName":"${"A".repeat(61)}"`)
      .replace(`"address":"${shopper.address}"`, `"address":"${"B".repeat(201)}"`)
      .replace(`"city":"${shopper.city}"`, `"city":"   "`);
    expect(forged).not.toBe(body);
    await route.continue({ postData: forged });
  });
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page.getByTestId("form-error")).toHaveText(
    "Some details need fixing. Check the highlighted fields.",
  );
  await expect(page.getByText("First name must be at most 60 characters")).toBeVisible();
  await expect(page.getByText("Street address must be at most 200 characters")).toBeVisible();
  await expect(page.getByText("Enter the city")).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);
  expect(db.orderCount()).toBe(orders);
  expect(db.cartLines(cart)).toEqual([{ slug: COFFEE_SLUG, quantity: 1 }]);
});

test("unicode names and addresses are accepted, stored and shown exactly @faults", async ({
  page,
}) => {
  const who = {
    ...shopper,
    firstName: "Nguyễn Thị Ánh",
    lastName: "Ñandú-Çelik d’Arc",
    address: "Jl. Cendrawasih № 7, RT 03/RW 07 — Kampung Ñ “Melati”",
    city: "Daerah Istimewa Yogyakarta",
  };
  const { token } = await placeOrder(page, who);

  const stored = db.customer(token)!;
  expect(stored).toMatchObject({ firstName: who.firstName, lastName: who.lastName });
  expect(stored.shipping).toMatchObject({
    firstName: who.firstName,
    lastName: who.lastName,
    address: who.address,
    city: who.city,
  });
  expect(stored.billing).toEqual(stored.shipping);

  await page.goto(`/orders/${token}`);
  const address = page.getByRole("region", { name: "Shipping address" });
  await expect(address).toContainText(`${who.firstName} ${who.lastName}`);
  await expect(address).toContainText(who.address);
  await expect(address).toContainText(`${who.city} ${who.postalCode}`);
});

// Names cannot hold markup at all (lib/checkout/schema.ts refuses "<" in a name); addresses can.
test("markup in addresses is stored as text and rendered inert, in the shop and the back office @faults", async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const who = {
    ...shopper,
    firstName: "Siti",
    lastName: "O'Neil",
    address: "<img src=x onerror=window.__xss=1> Jl. Malioboro 52",
    city: "<script>alert(1)</script>",
  };
  const { token } = await placeOrder(page, who);
  const stored = db.customer(token)!;
  expect(stored).toMatchObject({ firstName: who.firstName, lastName: who.lastName });
  expect(stored.shipping).toMatchObject({ address: who.address, city: who.city });

  const response = await page.goto(`/orders/${token}`);
  const html = await response!.text();
  const address = page.getByRole("region", { name: "Shipping address" });
  await expect(address).toContainText(`${who.firstName} ${who.lastName}`);
  await expect(address).toContainText(who.address);
  await expect(address).toContainText(who.city);
  await expect(page.locator("address img")).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  for (const raw of ["<script>alert(1)", "<img src=x"]) expect(html).not.toContain(raw);

  await signInAsAdmin(page);
  const adminResponse = await page.goto(`/admin/orders/${db.order(token)!.id}`);
  const adminHtml = await adminResponse!.text();
  await expect(page.getByRole("region", { name: "Shipping address" })).toContainText(who.address);
  await expect(page.getByRole("region", { name: "Billing address" })).toContainText(who.city);
  await expect(page.getByRole("region", { name: "Customer" })).toContainText(
    `${who.firstName} ${who.lastName}`,
  );
  await expect(page.locator("img[src='x']")).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  for (const raw of ["<script>alert(1)", "<img src=x"]) expect(adminHtml).not.toContain(raw);
  expect(dialogs).toEqual([]);
});

// ------------------------------------------------------------------------ cart input ----

/** Submits the product page's add-to-cart form and waits for the server action's answer. */
async function submitAddToCart(page: Page) {
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/products/"),
    ),
    page.getByRole("button", { name: "Add to cart" }).click(),
  ]);
}

test("impossible quantities get a clear message and leave the cart as it was @faults", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 2);
  const cart = (await cartCookie(page))!;
  const carts = db.cartCount();
  await page.goto(`/products/${COFFEE_SLUG}`);
  const quantity = page.getByLabel("Quantity", { exact: true });

  const cases: [value: string, message: string][] = [
    ["-1", "Quantity must be at least 1"],
    ["0", "Quantity must be at least 1"],
    ["1.5", "Quantity must be a whole number"],
    ["1000000", "You can buy at most 99 of one item"],
    ["98", "You can buy at most 99 of one item (2 already in your cart)."],
    ["abc", "Enter a quantity"],
  ];
  for (const [value, message] of cases) {
    if (value === "abc") {
      // A number input will not take letters from a keyboard; a crafted request will.
      await forgeFormField(page, `**/products/${COFFEE_SLUG}`, "quantity", "abc");
      await quantity.fill("7");
    } else {
      await quantity.fill(value);
    }
    await submitAddToCart(page);
    await expect(page.getByTestId("add-to-cart-error"), value).toHaveText(message);
    await expect(quantity).toHaveAttribute("aria-invalid", "true");
    // The action has settled: React resets the form to its default once the action's state lands,
    // which is the quantity asked for when it was a number the stock or the cart refused, else 1.
    await expect(quantity).toHaveValue(value === "98" ? "98" : "1");
    await expect(page).toHaveURL(new RegExp(`/products/${COFFEE_SLUG}$`));
    expect(db.cartLines(cart), value).toEqual([{ slug: COFFEE_SLUG, quantity: 2 }]);
  }
  expect(await cartCookie(page)).toBe(cart);
  expect(db.cartCount()).toBe(carts);
});

test("an unknown or discontinued product id posted to add-to-cart adds nothing @faults", async ({
  page,
}) => {
  await addToCart(page, COFFEE, 1);
  const cart = (await cartCookie(page))!;
  const inactive = db.product("lintas-x4-smartphone");
  expect(inactive.active).toBe(0);
  await page.goto(`/products/${COFFEE_SLUG}`);

  for (const productId of ["999999", String(inactive.id), "abc", "-5"]) {
    const stop = await forgeFormField(page, `**/products/${COFFEE_SLUG}`, "productId", productId);
    await submitAddToCart(page);
    await stop();
    await expect(page.getByTestId("add-to-cart-error"), productId).toHaveText(
      "This product is no longer available.",
    );
    expect(db.cartLines(cart), productId).toEqual([{ slug: COFFEE_SLUG, quantity: 1 }]);
  }
  await page.goto("/cart");
  await expect(page.getByRole("link", { name: inactive.name })).toHaveCount(0);
});

test("a forged or malformed cart cookie is an empty cart, never an error @faults", async ({
  page,
  context,
}) => {
  const forged = randomBytes(32).toString("base64url");
  expect(forged).toMatch(/^[A-Za-z0-9_-]{43}$/);
  for (const value of [
    forged,
    "not-a-cart",
    "x".repeat(300),
    "..%2F..%2Fetc%2Fpasswd",
    "'OR'1'='1'--",
  ]) {
    await context.clearCookies({ name: "tn_cart" });
    await context.addCookies([{ name: "tn_cart", value, domain: "localhost", path: "/" }]);
    const carts = db.cartCount();

    const response = await page.goto("/cart");
    expect(response!.status(), value).toBe(200);
    await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
    await expect(page.getByTestId("cart-count")).toHaveText("0");
    await page.goto("/checkout");
    await expect(page, value).toHaveURL(/\/cart$/);
    expect(db.cartCount()).toBe(carts);
    expect(db.cartExists(value)).toBe(false);
  }

  // Adding to it starts a new cart of our own making, never the forged id.
  await context.clearCookies({ name: "tn_cart" });
  await context.addCookies([{ name: "tn_cart", value: forged, domain: "localhost", path: "/" }]);
  await addToCart(page, COFFEE, 1);
  const cart = (await cartCookie(page))!;
  expect(cart).not.toBe(forged);
  expect(db.cartExists(forged)).toBe(false);
  expect(db.cartLines(cart)).toEqual([{ slug: COFFEE_SLUG, quantity: 1 }]);
});

test("pay-again and back-to-cart posted with a made-up or someone else's order token create nothing @faults", async ({
  page,
}) => {
  // Someone else's order, already paid.
  const other = await placeOrder(page, { ...shopper, email: "someone.else@example.com" });
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");

  // Our own order, declined: its page offers "Pay again", its cancel page "Back to cart".
  const own = await placeOrder(page);
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Payment failed");
  const cart = (await cartCookie(page))!;
  expect(db.cartLines(cart)).toEqual([]);
  const ownOrder = db.order(own.token)!;
  const otherOrder = db.order(other.token)!;
  const attempts = db.attemptCount();
  const orders = db.orderCount();

  const madeUp = randomBytes(24).toString("base64url");

  for (const [form, button] of [
    [`/orders/${own.token}`, "Pay again with Kredivo"],
    [`/orders/${own.token}/cancel`, "Back to cart"],
  ] as const) {
    for (const token of [madeUp, "../../admin"]) {
      await page.goto(form);
      const stop = await forgeFormField(page, `**${form}`, "token", token);
      await page.getByRole("button", { name: button }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: /We couldn.t find that (order|page)/ }),
        `${button} ${token}`,
      ).toBeVisible();
      await stop();
    }
    // Someone else's paid order: nothing to pay or put back, only their (already known) order page.
    await page.goto(form);
    const stop = await forgeFormField(page, `**${form}`, "token", other.token);
    await page.getByRole("button", { name: button }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${other.token}$`));
    await expect(page.getByTestId("order-status")).toHaveText("Paid");
    await stop();
  }

  expect(db.attemptCount()).toBe(attempts);
  expect(db.orderCount()).toBe(orders);
  expect(db.order(own.token)).toEqual(ownOrder);
  expect(db.order(other.token)).toEqual(otherOrder);
  expect(db.cartLines(cart)).toEqual([]);
  expect(await cartCookie(page)).toBe(cart);
});

// -------------------------------------------------------------- notification endpoint ----

interface BadNotification {
  name: string;
  /** The request to send, for this order's invoice and amount. */
  build(invoice: string, amount: number): { body: string; headers: Record<string, string> };
  status: number;
  outcome: string;
  /** The event the handler records; null when it records none (refused before reading). */
  event: { signature_valid: number; flagged: number; linkedToOrder: boolean } | null;
}

const withoutAmount = (invoice: string) => {
  const body = notificationBody({ invoice, amount: 0, status: "SUCCESS" }) as {
    order: Record<string, unknown>;
  };
  delete body.order.amount;
  return JSON.stringify(body);
};

const BAD_NOTIFICATIONS: BadNotification[] = [
  {
    name: "missing order.amount (signed)",
    build: (invoice) => {
      const body = withoutAmount(invoice);
      return { body, headers: { ...signNotification(body) } };
    },
    status: 400,
    outcome: "rejected:schema",
    event: { signature_valid: 1, flagged: 1, linkedToOrder: false },
  },
  {
    name: 'amount "abc" (signed)',
    build: (invoice) => {
      const body = JSON.stringify(notificationBody({ invoice, amount: "abc", status: "SUCCESS" }));
      return { body, headers: { ...signNotification(body) } };
    },
    status: 400,
    outcome: "rejected:schema",
    event: { signature_valid: 1, flagged: 1, linkedToOrder: false },
  },
  {
    name: "a 70 kB body (signed)",
    build: (invoice, amount) => {
      const body = JSON.stringify({
        ...notificationBody({ invoice, amount, status: "SUCCESS" }),
        padding: "x".repeat(70 * 1024),
      });
      return { body, headers: { ...signNotification(body) } };
    },
    status: 413,
    outcome: "rejected:too_large",
    event: null,
  },
  {
    name: "invalid JSON (signed)",
    build: (invoice, amount) => {
      const body = JSON.stringify(notificationBody({ invoice, amount, status: "SUCCESS" })).slice(
        0,
        -7,
      );
      return { body, headers: { ...signNotification(body) } };
    },
    status: 400,
    outcome: "rejected:json",
    event: { signature_valid: 1, flagged: 1, linkedToOrder: false },
  },
  {
    name: "a wrong Client-Id",
    build: (invoice, amount) => {
      const body = JSON.stringify(notificationBody({ invoice, amount, status: "SUCCESS" }));
      return { body, headers: { ...signNotification(body, { clientId: "MCH-SOMEONE-ELSE" }) } };
    },
    status: 401,
    outcome: "rejected:client_id",
    event: { signature_valid: 0, flagged: 0, linkedToOrder: false },
  },
  {
    name: "no Signature header",
    build: (invoice, amount) => {
      const body = JSON.stringify(notificationBody({ invoice, amount, status: "SUCCESS" }));
      const { Signature: _dropped, ...headers } = signNotification(body);
      return { body, headers };
    },
    status: 401,
    outcome: "rejected:missing_header",
    event: { signature_valid: 0, flagged: 0, linkedToOrder: false },
  },
  {
    name: "a SUCCESS for a different amount (signed)",
    build: (invoice, amount) => {
      const body = JSON.stringify(
        notificationBody({ invoice, amount: amount - 1, status: "SUCCESS" }),
      );
      return { body, headers: { ...signNotification(body) } };
    },
    status: 200,
    outcome: "flagged:amount_mismatch",
    event: { signature_valid: 1, flagged: 1, linkedToOrder: true },
  },
];

for (const bad of BAD_NOTIFICATIONS) {
  test(`notification with ${bad.name}: ${bad.status}, order unchanged @faults`, async ({
    page,
  }) => {
    const { token, invoice, attempt: placed } = await placeOrder(page);
    const order = db.order(token)!;
    // The e2e reconciler is held off the attempt, so that it stays exactly as the app left it
    // unless the bad notification changes it (and the genuine one below pays it).
    holdFromReconciler(placed.id);
    const [attempt] = db.attempts(order.id);
    const { body, headers } = bad.build(invoice, order.total);
    const requestId = headers["Request-Id"]!;

    const answer = await postNotification(page.request, body, headers);
    expect(answer.status).toBe(bad.status);
    expect(answer.json.ok).toBe(bad.status < 300);
    expect(answer.json.outcome).toMatch(new RegExp(`^${bad.outcome.replace(/[()]/g, "\\$&")}`));

    expect(db.order(token)).toEqual(order);
    expect(db.attempts(order.id)).toEqual([attempt]);
    const events = db.eventsByRequestId(requestId);
    if (bad.event === null) {
      expect(events).toEqual([]);
    } else {
      expect(events).toHaveLength(1);
      expect(events[0]!.outcome).toMatch(new RegExp(`^${bad.outcome}`));
      expect(events[0]).toMatchObject({
        kind: "notification",
        direction: "in",
        http_status: bad.status,
        signature_valid: bad.event.signature_valid,
        flagged: bad.event.flagged,
        order_id: bad.event.linkedToOrder ? order.id : null,
        request_body: body,
      });
      // Only a verified notification for a known invoice ever claims its Request-Id.
      expect(events[0]!.inbox_key).toBe(bad.event.linkedToOrder ? requestId : null);
    }
    // The genuine notification still pays the order afterwards: nothing was consumed or blocked.
    await page.getByRole("button", { name: "Approve payment" }).click();
    await expect(page.getByTestId("order-status")).toHaveText("Paid");
    expect(tokenFromUrl(page.url())).toBe(token);
    expect(db.order(token)!.status).toBe("paid");
  });
}

test("a signed notification for an unknown invoice is refused, flagged and does not reserve its Request-Id @faults", async ({
  page,
}) => {
  const requestId = randomUUID();
  const body = JSON.stringify(
    notificationBody({ invoice: "INV-20990101-DOESNOTEXIST", amount: 10_000, status: "SUCCESS" }),
  );
  const orders = db.orderCount();
  const answer = await postNotification(page.request, body, {
    ...signNotification(body, { requestId }),
  });
  expect(answer.status).toBe(404);
  expect(answer.json).toEqual({ ok: false, outcome: "unknown_invoice" });
  const [event, ...more] = db.eventsByRequestId(requestId);
  expect(more).toHaveLength(0);
  expect(event).toMatchObject({
    outcome: "unknown_invoice",
    http_status: 404,
    flagged: 1,
    inbox_key: null,
    order_id: null,
    signature_valid: 1,
  });
  expect(db.orderCount()).toBe(orders);
});
