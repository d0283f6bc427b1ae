// @faults Concurrency and delivery faults against the real sandbox and a real database (SQLite or PostgreSQL):
// 50 checkouts at once, and a flaky merchant endpoint that DOKU's retries must land exactly once.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "@/sandbox/server";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";

setTestEnv({ DOKU_TIMEOUT_MS: "5000" });

// The "app": a node:http endpoint in front of the real notification handler that fails the
// first deliveries, as a merchant restarting or overloaded would.
let failFirst = 0;
let seen = 0;
const { receiveNotification } = await import("@/lib/payments/notifications");
const app = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    seen++;
    if (seen <= failFirst) {
      res.writeHead(503).end("busy");
      return;
    }
    void receiveNotification(Buffer.concat(chunks), req.headers, { url: req.url ?? "" }).then(
      (answer) =>
        res
          .writeHead(answer.status, { "content-type": "application/json" })
          .end(JSON.stringify(answer.body)),
    );
  });
});
await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

const sandbox = await startSandbox({
  port: 0,
  clientId: TEST_DOKU.clientId,
  secretKey: TEST_DOKU.secretKey,
  notificationUrl: `${appUrl}${TEST_DOKU.notificationPath}`,
  // 30 min, 6 h, 12 h → 50 ms, 600 ms, 1.2 s
  timeScale: 36_000,
});
process.env.DOKU_BASE_URL = sandbox.url;

const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { addToCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((r) => app.close(r));
});

const details = checkoutDetails;

describe("@faults 50 checkouts in parallel", () => {
  it("makes 50 orders with 50 distinct invoice numbers and every total right", async () => {
    // Plenty of every product: this is about concurrent orders and their totals (a race for few
    // units is tests/unit/payments/stock.test.ts).
    await db.run((d) => d.update(schema.products).set({ stock: 1_000 }));
    const products = await db.run((d) =>
      d
        .select()
        .from(schema.products)
        .where(eq(schema.products.active, true))
        .orderBy(asc(schema.products.id)),
    );
    const sellers = new Map(
      (await db.run((d) => d.select().from(schema.sellers))).map((s) => [s.id, s]),
    );
    const carts: string[] = [];
    for (let i = 0; i < 50; i++) {
      const lines = [products[i % products.length]!, products[(i * 7 + 3) % products.length]!];
      let cartId: string | null = null;
      for (const [n, p] of lines.entries())
        cartId = await addToCart(cartId, p.id, 1 + ((i + n) % 5));
      carts.push(cartId!);
    }
    const keys = carts.map((cartId) => issueCheckoutKey(cartId));

    const results = await Promise.all(
      carts.map((cartId, i) => placeOrder(details, cartId, keys[i])),
    );
    expect(results.every((r) => r.kind === "redirect" && r.url.startsWith(sandbox.url))).toBe(true);

    const orders = await db.run((d) =>
      d.select().from(schema.orders).where(inArray(schema.orders.checkoutKey, keys)),
    );
    expect(orders).toHaveLength(50);
    const attempts = await db.run((d) =>
      d
        .select()
        .from(schema.paymentAttempts)
        .where(
          inArray(
            schema.paymentAttempts.orderId,
            orders.map((o) => o.id),
          ),
        ),
    );
    expect(new Set(attempts.map((a) => a.invoiceNumber)).size).toBe(50);

    for (const order of orders) {
      const items = await db.run((d) =>
        d.select().from(schema.orderItems).where(eq(schema.orderItems.orderId, order.id)),
      );
      const byId = new Map(products.map((p) => [p.id, p]));
      let subtotal = 0;
      const shippers = new Set<string>();
      for (const item of items.filter((i) => i.kind === "product")) {
        const product = byId.get(item.productId!)!;
        expect(item.unitPrice).toBe(product.price);
        subtotal += product.price * item.quantity;
        if (product.type === "physical") shippers.add(product.sellerId);
      }
      const shipping = [...shippers].reduce((sum, id) => sum + sellers.get(id)!.shippingFee, 0);
      expect(order.total).toBe(subtotal + shipping);
      const attempt = attempts.find((a) => a.orderId === order.id)!;
      expect(attempt.amount).toBe(order.total);
      const atDoku = (await (
        await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)
      ).json()) as { amount: number };
      expect(atDoku.amount).toBe(order.total);
    }
  });
});

describe("@faults a flaky merchant endpoint", () => {
  it("the first 2 deliveries answered 503: DOKU's retries land it exactly once", async () => {
    const [product] = await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
    );
    const cartId = await addToCart(null, product!.id, 1);
    const key = issueCheckoutKey(cartId);
    const placed = await placeOrder(details, cartId, key);
    expect(placed.kind, JSON.stringify(placed)).toBe("redirect");
    const order = (
      await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key)))
    )[0]!;
    const attempt = (
      await db.run((d) =>
        d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, order.id)),
      )
    )[0]!;

    seen = 0;
    failFirst = 2;
    await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}/approve`, {
      method: "POST",
    });
    const orderStatus = async () =>
      (
        await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, order.id)))
      )[0]!.status;
    await expect.poll(orderStatus, { timeout: 5000 }).toBe("paid");

    const view = (await (
      await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)
    ).json()) as {
      deliveries: { requestId: string; attempt: number; httpStatus: number | null }[];
    };
    expect(view.deliveries.map((d) => [d.attempt, d.httpStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(view.deliveries.map((d) => d.requestId)).size).toBe(1);
    const events = await db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(eq(schema.paymentEvents.orderId, order.id))
        .orderBy(asc(schema.paymentEvents.id)),
    );
    expect(events.filter((e) => e.kind === "notification").map((e) => e.outcome)).toEqual(["paid"]);
  });
});
