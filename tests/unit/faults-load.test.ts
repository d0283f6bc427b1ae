// @faults Concurrency and delivery faults against the real sandbox and a real SQLite file:
// 50 checkouts at once, and a flaky merchant endpoint that DOKU's retries must land exactly once.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "@/sandbox/server";
import { TEST_DOKU, migratedAndSeeded, setTestEnv } from "../support/app-db";
import { checkoutDetails } from "../support/orders";

setTestEnv({ DOKU_TIMEOUT_MS: "5000" });

// The "app": a node:http endpoint in front of the real notification handler that fails the
// first deliveries, as a merchant restarting or overloaded would.
let failFirst = 0;
let seen = 0;
const { receiveNotification } = await import("@/lib/orders/notifications");
const app = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    seen++;
    if (seen <= failFirst) {
      res.writeHead(503).end("busy");
      return;
    }
    void receiveNotification(Buffer.concat(chunks), req.headers, { url: req.url ?? "" }).then((answer) =>
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body)),
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
    const products = db.select().from(schema.products).where(eq(schema.products.active, true)).all();
    const sellers = new Map(db.select().from(schema.sellers).all().map((s) => [s.id, s]));
    const carts = Array.from({ length: 50 }, (_, i) => {
      const lines = [products[i % products.length]!, products[(i * 7 + 3) % products.length]!];
      let cartId: string | null = null;
      for (const [n, p] of lines.entries()) cartId = addToCart(cartId, p.id, 1 + ((i + n) % 5));
      return cartId!;
    });
    const keys = carts.map((cartId) => issueCheckoutKey(cartId));

    const results = await Promise.all(carts.map((cartId, i) => placeOrder(details, cartId, keys[i])));
    expect(results.every((r) => r.kind === "redirect" && r.url.startsWith(sandbox.url))).toBe(true);

    const orders = db.select().from(schema.orders).where(inArray(schema.orders.checkoutKey, keys)).all();
    expect(orders).toHaveLength(50);
    const attempts = db.select().from(schema.paymentAttempts).where(inArray(schema.paymentAttempts.orderId, orders.map((o) => o.id))).all();
    expect(new Set(attempts.map((a) => a.invoiceNumber)).size).toBe(50);

    for (const order of orders) {
      const items = db.select().from(schema.orderItems).where(eq(schema.orderItems.orderId, order.id)).all();
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
      const atDoku = (await (await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)).json()) as { amount: number };
      expect(atDoku.amount).toBe(order.total);
    }
  });
});

describe("@faults a flaky merchant endpoint", () => {
  it("the first 2 deliveries answered 503: DOKU's retries land it exactly once", async () => {
    const product = db.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")).get()!;
    const cartId = addToCart(null, product.id, 1);
    const key = issueCheckoutKey(cartId);
    const placed = await placeOrder(details, cartId, key);
    expect(placed.kind).toBe("redirect");
    const order = db.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key)).get()!;
    const attempt = db.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, order.id)).get()!;

    seen = 0;
    failFirst = 2;
    await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}/approve`, { method: "POST" });
    await expect.poll(() => db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status, { timeout: 5000 }).toBe("paid");

    const view = (await (await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)).json()) as {
      deliveries: { requestId: string; attempt: number; httpStatus: number | null }[];
    };
    expect(view.deliveries.map((d) => [d.attempt, d.httpStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(view.deliveries.map((d) => d.requestId)).size).toBe(1);
    const events = db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.orderId, order.id)).all();
    expect(events.filter((e) => e.kind === "notification").map((e) => e.outcome)).toEqual(["paid"]);
  });
});
