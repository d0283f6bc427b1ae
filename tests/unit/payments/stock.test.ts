// Stock on a real database (SQLite or PostgreSQL), through the real money path and the local
// sandbox: placing an order reserves its units, a payment sells them, a failure, an expiry, a
// refused generate-order or the shopper's cancel gives them back, pay again takes them again or
// says what sold out, and no path, however many run at once, takes more units than there are.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { signedNotification } from "../../support/signed-notification";

setTestEnv({ DOKU_TIMEOUT_MS: "2000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { payAgain } = await import("@/lib/checkout/pay-again");
const { addToCart, loadCart, restoreCartFromOrder } = await import("@/lib/cart/cart");
const { receiveNotification } = await import("@/lib/payments/notifications");
const { cancelByShopper } = await import("@/lib/payments/shopper-cancel");
const { findShopperOrder } = await import("@/lib/orders/queries");
const { reserveLines } = await import("@/lib/stock/reservations");
const { listStock, setStock } = await import("@/lib/stock/set-stock");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset"));

const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!;
const product = (slug: string) =>
  one(db.run((d) => d.select().from(schema.products).where(eq(schema.products.slug, slug))));
const stockOf = async (slug: string) => (await product(slug)).stock;
const orderRow = (id: number) =>
  one(db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, id))));
const attemptsOf = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(schema.paymentAttempts)
      .where(eq(schema.paymentAttempts.orderId, orderId))
      .orderBy(asc(schema.paymentAttempts.id)),
  );
const eventsOf = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(schema.paymentEvents)
      .where(eq(schema.paymentEvents.orderId, orderId))
      .orderBy(asc(schema.paymentEvents.id)),
  );
const writeStock = (slug: string, stock: number) =>
  db.run((d) => d.update(schema.products).set({ stock }).where(eq(schema.products.slug, slug)));

// Counts a test changes are put back after it, pass or fail, so one failure never cascades.
const stockToRestore = new Map<string, number>();
afterEach(async () => {
  for (const [slug, stock] of stockToRestore) await writeStock(slug, stock);
  stockToRestore.clear();
});
/** Remembers the product's count before the test first changes it. */
async function keepStockOf(slug: string): Promise<void> {
  if (!stockToRestore.has(slug)) stockToRestore.set(slug, await stockOf(slug));
}
async function setStockOf(slug: string, stock: number): Promise<void> {
  await keepStockOf(slug);
  await writeStock(slug, stock);
}

async function cartWith(...lines: [slug: string, quantity: number][]): Promise<string> {
  let cartId: string | null = null;
  for (const [slug, quantity] of lines)
    cartId = await addToCart(cartId, (await product(slug)).id, quantity);
  return cartId!;
}

/** An order placed through the checkout, its Kredivo payment started at the sandbox. */
async function placed(...lines: [slug: string, quantity: number][]) {
  const cartId = await cartWith(...lines);
  const key = issueCheckoutKey(cartId);
  const result = await placeOrder(checkoutDetails, cartId, key);
  expect(result.kind, JSON.stringify(result)).toBe("redirect");
  const order = await one(
    db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key))),
  );
  const attempt = (await attemptsOf(order.id)).at(-1)!;
  return { cartId, order, attempt };
}

/** DOKU's signed notification for an attempt, through the one notification path. */
async function notify(attempt: { invoiceNumber: string; amount: number }, status: string) {
  const n = signedNotification({ invoice: attempt.invoiceNumber, amount: attempt.amount }, status);
  return receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
}

describe("placing an order", () => {
  it("reserves its units in the order's transaction, and keeps them while it is unpaid", async () => {
    const [shirt, tote] = [
      await stockOf("batik-tulis-parang-shirt"),
      await stockOf("batik-kawung-tote"),
    ];
    const { order } = await placed(["batik-tulis-parang-shirt", 2], ["batik-kawung-tote", 3]);
    expect(await stockOf("batik-tulis-parang-shirt")).toBe(shirt - 2);
    expect(await stockOf("batik-kawung-tote")).toBe(tote - 3);
    expect(order.stockState).toBe("reserved");
    const held = (await listStock(db)).find((r) => r.slug === "batik-kawung-tote")!;
    expect(held.held).toBeGreaterThanOrEqual(3);
  });

  it("refuses when too few are left, names each short product, and keeps nothing of the order", async () => {
    const keyboard = await product("ketik-75-mechanical-keyboard");
    await setStockOf(keyboard.slug, 5);
    const totes = await stockOf("batik-kawung-tote");
    // The tote (lower id) is taken first and must be given back when the keyboard falls short.
    const cartId = await cartWith(["batik-kawung-tote", 1], [keyboard.slug, 4]);
    await setStockOf(keyboard.slug, 2);
    const key = issueCheckoutKey(cartId);

    expect(await placeOrder(checkoutDetails, cartId, key)).toEqual({
      kind: "error",
      problem: {
        code: "soldOut",
        items: [{ productId: keyboard.id, name: keyboard.name, wanted: 4, left: 2 }],
      },
    });
    expect(
      await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key))),
    ).toEqual([]);
    expect(await stockOf(keyboard.slug)).toBe(2);
    expect(await stockOf("batik-kawung-tote")).toBe(totes);
    // The cart is as it was, and says which line to change.
    const cart = await loadCart(cartId);
    expect(cart.lines.map((l) => [l.product.slug, l.quantity, l.stock])).toEqual([
      ["batik-kawung-tote", 1, totes],
      [keyboard.slug, 4, 2],
    ]);
    expect(cart.short).toEqual([
      { productId: keyboard.id, name: keyboard.name, wanted: 4, left: 2 },
    ]);

    // Once the line fits, the same form places the order.
    await setStockOf(keyboard.slug, 4);
    expect((await placeOrder(checkoutDetails, cartId, key)).kind).toBe("redirect");
    expect(await stockOf(keyboard.slug)).toBe(0);
  });

  it("reserves all of a set of lines or none of them, and the database refuses a negative count", async () => {
    const [scarf, keyboard] = [
      await product("batik-truntum-silk-scarf"),
      await product("ketik-75-mechanical-keyboard"),
    ];
    const lines = [
      { productId: keyboard.id, quantity: keyboard.stock + 1 },
      { productId: scarf.id, quantity: 1 },
    ];
    expect(await db.transaction((tx) => reserveLines(tx, lines))).toEqual({
      ok: false,
      short: [
        {
          productId: keyboard.id,
          name: keyboard.name,
          wanted: keyboard.stock + 1,
          left: keyboard.stock,
        },
      ],
    });
    expect([await stockOf(scarf.slug), await stockOf(keyboard.slug)]).toEqual([
      scarf.stock,
      keyboard.stock,
    ]);
    const refused: Error = await db
      .run((d) =>
        d.update(schema.products).set({ stock: -1 }).where(eq(schema.products.id, scarf.id)),
      )
      .then(
        () => expect.fail("not refused"),
        (error: Error) => error,
      );
    expect(`${refused.message} ${(refused.cause as Error | undefined)?.message}`).toMatch(
      /check constraint|products_stock_nonnegative/i,
    );
  });
});

describe("after placing", () => {
  it("a paid notification sells the units (no change in stock), and a duplicate or a refund changes nothing", async () => {
    const { order, attempt } = await placed(["batik-tulis-parang-shirt", 1]);
    const after = await stockOf("batik-tulis-parang-shirt");
    expect((await notify(attempt, "SUCCESS")).body.outcome).toBe("paid");
    expect(await notify(attempt, "SUCCESS")).toMatchObject({
      body: { outcome: "duplicate:already_paid" },
    });
    expect((await orderRow(order.id)).stockState).toBe("sold");
    expect(await stockOf("batik-tulis-parang-shirt")).toBe(after);
    // Refunded units stay sold: putting them back on sale is the merchant's call.
    expect((await notify(attempt, "REFUNDED")).body.outcome).toBe("refunded");
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", stockState: "sold" });
    expect(await stockOf("batik-tulis-parang-shirt")).toBe(after);
  });

  it.each(["FAILED", "EXPIRED"])(
    "a %s notification gives the units back, once however often it comes",
    async (status) => {
      const before = await stockOf("kopi-gula-aren-drip-bags");
      const { order, attempt } = await placed(["kopi-gula-aren-drip-bags", 3]);
      expect(await stockOf("kopi-gula-aren-drip-bags")).toBe(before - 3);
      // Five deliveries at once, each with its own Request-Id, then one more afterwards.
      const answers = await Promise.all(Array.from({ length: 5 }, () => notify(attempt, status)));
      expect(answers.filter((a) => a.body.outcome === status.toLowerCase())).toHaveLength(1);
      await notify(attempt, status);
      expect(await orderRow(order.id)).toMatchObject({
        status: status.toLowerCase(),
        stockState: "released",
      });
      expect(await stockOf("kopi-gula-aren-drip-bags")).toBe(before);
    },
  );

  it("a refused generate-order fails the order and gives the units back", async () => {
    const before = await stockOf("batik-kawung-tote");
    await control("faults", { target: "generate-order", kind: "error500", times: 1 });
    const cartId = await cartWith(["batik-kawung-tote", 2]);
    const key = issueCheckoutKey(cartId);
    const result = await placeOrder(checkoutDetails, cartId, key);
    const order = await one(
      db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key))),
    );
    expect(result).toEqual({ kind: "redirect", url: `/orders/${order.publicToken}` });
    expect(order).toMatchObject({ status: "failed", stockState: "released" });
    expect(await stockOf("batik-kawung-tote")).toBe(before);
  });
});

describe("the shopper's cancel (Back to cart)", () => {
  it("fails the attempt with an event of its own, gives the units back and sends no email; the cart gets them back", async () => {
    const before = await stockOf("batik-truntum-silk-scarf");
    const { order } = await placed(["batik-truntum-silk-scarf", 2]);
    expect(await stockOf("batik-truntum-silk-scarf")).toBe(before - 2);

    expect(await cancelByShopper(order.id)).toBe("cancelled");
    expect(await orderRow(order.id)).toMatchObject({ status: "failed", stockState: "released" });
    expect((await attemptsOf(order.id)).map((a) => a.status)).toEqual(["failed"]);
    expect(await stockOf("batik-truntum-silk-scarf")).toBe(before);
    const events = await eventsOf(order.id);
    expect(events.map((e) => [e.kind, e.direction, e.outcome, e.effect])).toEqual([
      ["generate_order", "out", "pending", "payment_started"],
      ["shopper_cancel", "local", "failed", "cancelled"],
    ]);
    expect(
      await db.run((d) =>
        d.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.orderId, order.id)),
      ),
    ).toEqual([]);
    expect((await findShopperOrder(order.publicToken))!.timeline.map((t) => t.event)).toEqual([
      "placed",
      "payment_started",
      "cancelled",
    ]);

    // Twice does nothing more (anyone with the link can post it).
    expect(await cancelByShopper(order.id)).toBe("not_pending");
    expect(await eventsOf(order.id)).toHaveLength(2);
    expect(await stockOf("batik-truntum-silk-scarf")).toBe(before);

    const cartId = await restoreCartFromOrder(order.id, null);
    expect((await loadCart(cartId)).lines.map((l) => [l.product.slug, l.quantity])).toEqual([
      ["batik-truntum-silk-scarf", 2],
    ]);
  });

  it("a late SUCCESS still wins, and takes the units again", async () => {
    const before = await stockOf("batik-truntum-silk-scarf");
    const { order, attempt } = await placed(["batik-truntum-silk-scarf", 1]);
    await cancelByShopper(order.id);
    expect(await stockOf("batik-truntum-silk-scarf")).toBe(before);
    expect((await notify(attempt, "SUCCESS")).body).toEqual({ ok: true, outcome: "paid" });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "sold" });
    expect(await stockOf("batik-truntum-silk-scarf")).toBe(before - 1);
  });

  it("Back to cart puts back no more than is left, and skips what sold out", async () => {
    const { order } = await placed(
      ["nada-anc-wireless-headphones", 3],
      ["batik-truntum-silk-scarf", 2],
    );
    await cancelByShopper(order.id);
    await setStockOf("nada-anc-wireless-headphones", 1);
    await setStockOf("batik-truntum-silk-scarf", 0);
    const cartId = await restoreCartFromOrder(
      order.id,
      await cartWith(["nada-anc-wireless-headphones", 1]),
    );
    expect((await loadCart(cartId)).lines.map((l) => [l.product.slug, l.quantity])).toEqual([
      ["nada-anc-wireless-headphones", 1],
    ]);
  });
});

describe("pay again", () => {
  it("takes the units again in the transaction that reopens the order", async () => {
    const before = await stockOf("home-brewing-guide-ebook");
    const { order, attempt } = await placed(["home-brewing-guide-ebook", 2]);
    await notify(attempt, "FAILED");
    expect(await stockOf("home-brewing-guide-ebook")).toBe(before);

    const again = await payAgain(order.publicToken);
    expect(again!.kind === "redirect" && again!.url.startsWith(`${sandbox.url}/kredivo/`)).toBe(
      true,
    );
    expect(await orderRow(order.id)).toMatchObject({ status: "pending", stockState: "reserved" });
    expect(await stockOf("home-brewing-guide-ebook")).toBe(before - 2);
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => a.status)).toEqual(["failed", "pending"]);

    expect((await notify(attempts[1]!, "SUCCESS")).body.outcome).toBe("paid");
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "sold" });
    expect(await stockOf("home-brewing-guide-ebook")).toBe(before - 2);
  });

  it("says what sold out meanwhile and changes nothing", async () => {
    const phone = await product("lintas-x5-smartphone");
    await setStockOf(phone.slug, 3);
    const { order, attempt } = await placed([phone.slug, 2]);
    await notify(attempt, "EXPIRED");
    expect(await stockOf(phone.slug)).toBe(3);
    // Someone else buys two of the three while this order waits.
    await placed([phone.slug, 2]);

    expect(await payAgain(order.publicToken)).toEqual({
      kind: "soldOut",
      items: [{ productId: phone.id, name: phone.name, wanted: 2, left: 1 }],
    });
    expect(await orderRow(order.id)).toMatchObject({ status: "expired", stockState: "released" });
    expect(await attemptsOf(order.id)).toHaveLength(1);
    expect(await stockOf(phone.slug)).toBe(1);
    // The order page can say so before the shopper tries.
    expect((await findShopperOrder(order.publicToken))!.stockShort).toEqual([
      { productId: phone.id, name: phone.name, wanted: 2, left: 1 },
    ]);
    // The refusal rolled back the attempt slot too: the cart's hourly count is unchanged.
    const [counter] = await db.run((d) =>
      d
        .select()
        .from(schema.rateLimits)
        .where(eq(schema.rateLimits.key, `checkout:cart:${order.cartId}`)),
    );
    expect(counter!.count).toBe(1);
  });
});

describe("a payment that arrives after the units were given back", () => {
  it("takes them again when enough are left", async () => {
    const before = await stockOf("batik-tulis-online-class");
    const { order, attempt } = await placed(["batik-tulis-online-class", 1]);
    await notify(attempt, "EXPIRED");
    expect(await stockOf("batik-tulis-online-class")).toBe(before);
    expect((await notify(attempt, "SUCCESS")).body).toEqual({ ok: true, outcome: "paid" });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "sold" });
    expect(await stockOf("batik-tulis-online-class")).toBe(before - 1);
    const [paid] = (await eventsOf(order.id)).filter((e) => e.outcome === "paid");
    expect(paid!.flagged).toBe(false);
  });

  it("keeps the order paid and flags it for review when they are gone, never driving stock below zero", async () => {
    const phone = await product("lintas-x5-smartphone");
    await setStockOf(phone.slug, 2);
    const { order, attempt } = await placed([phone.slug, 2]);
    await notify(attempt, "FAILED");
    await placed([phone.slug, 1]);
    expect(await stockOf(phone.slug)).toBe(1);

    const answer = await notify(attempt, "SUCCESS");
    const outcome = `paid:stock_short(product ${phone.id} wanted 2, 1 left)`;
    expect(answer).toEqual({ status: 200, body: { ok: true, outcome } });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "released" });
    expect(await stockOf(phone.slug)).toBe(1);
    const flagged = (await eventsOf(order.id)).filter((e) => e.flagged);
    expect(flagged.map((e) => [e.kind, e.outcome, e.effect])).toEqual([
      ["notification", outcome, "paid"],
    ]);
    // The confirmation still goes: the shopper paid; the merchant sorts out the units.
    const emails = await db.run((d) =>
      d
        .select({ kind: schema.emailOutbox.kind })
        .from(schema.emailOutbox)
        .where(eq(schema.emailOutbox.orderId, order.id)),
    );
    expect(emails.map((e) => e.kind)).toContain("order_confirmation");
  });
});

describe("@faults a flash sale", () => {
  it("20 shoppers at once for 5 units: exactly 5 orders, 15 told it sold out, stock 0 and never below", async () => {
    const keyboard = await product("ketik-75-mechanical-keyboard");
    await setStockOf(keyboard.slug, 20);
    const carts: string[] = [];
    for (let i = 0; i < 20; i++) carts.push(await cartWith([keyboard.slug, 1]));
    await setStockOf(keyboard.slug, 5);

    const results = await Promise.all(
      carts.map((cartId) => placeOrder(checkoutDetails, cartId, issueCheckoutKey(cartId))),
    );
    const redirects = results.filter((r) => r.kind === "redirect");
    const refused = results.filter((r) => r.kind === "error");
    expect(redirects).toHaveLength(5);
    expect(
      redirects.every((r) => r.kind === "redirect" && r.url.startsWith(`${sandbox.url}/kredivo/`)),
    ).toBe(true);
    expect(refused).toHaveLength(15);
    for (const r of refused)
      expect(r).toEqual({
        kind: "error",
        problem: {
          code: "soldOut",
          items: [{ productId: keyboard.id, name: keyboard.name, wanted: 1, left: 0 }],
        },
      });

    expect(await stockOf(keyboard.slug)).toBe(0);
    const [sold] = await db.run((d) =>
      d
        .select({
          units: sql<number>`coalesce(sum(${schema.orderItems.quantity}), 0)`.mapWith(Number),
          orders: sql<number>`count(*)`.mapWith(Number),
        })
        .from(schema.orderItems)
        .innerJoin(schema.orders, eq(schema.orders.id, schema.orderItems.orderId))
        .where(
          and(eq(schema.orderItems.productId, keyboard.id), inArray(schema.orders.cartId, carts)),
        ),
    );
    expect(sold).toEqual({ units: 5, orders: 5 });
  });
});

describe("npm run stock's functions", () => {
  it("set one product's count and list every product's, with what unpaid orders hold", async () => {
    await keepStockOf("batik-truntum-silk-scarf");
    const before = await stockOf("batik-truntum-silk-scarf");
    expect(await setStock(db, "batik-truntum-silk-scarf", 7)).toEqual({ before, after: 7 });
    expect(await setStock(db, "no-such-product", 1)).toBeNull();
    await expect(setStock(db, "batik-truntum-silk-scarf", -1)).rejects.toThrow(RangeError);
    const rows = await listStock(db);
    expect(rows.find((r) => r.slug === "batik-truntum-silk-scarf")).toMatchObject({
      stock: 7,
      active: true,
    });
    expect(rows.find((r) => r.slug === "lintas-x4-smartphone")).toMatchObject({
      stock: 0,
      active: false,
      held: 0,
    });
    expect(rows.every((r) => Number.isInteger(r.held) && r.held >= 0)).toBe(true);
  });
});
