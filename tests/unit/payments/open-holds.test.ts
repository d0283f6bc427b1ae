// How much of a scarce product one unpaid shopper may hold: a product's most per order, and a cap
// on open holds per email, phone and client address, at placement and at "pay again"; the hold's
// length sent to DOKU. Through the real local sandbox, on both databases.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";

setTestEnv({ MAX_OPEN_ORDERS_PER_SHOPPER: "2", PAYMENT_EXPIRY_MINUTES: "20" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { payAgain } = await import("@/lib/checkout/pay-again");
const { checkAttemptStatus } = await import("@/lib/payments/check-status");
const { addToCart, CartError } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

const PHONE = "lintas-x5-smartphone";
const TOTE = "batik-kawung-tote";

const shopper = (n: number, overrides: { email?: string; phone?: string } = {}) => ({
  firstName: "Budi",
  email: overrides.email ?? `budi.${n}@example.com`,
  phone: overrides.phone ?? `0812-9999-${String(n).padStart(4, "0")}`,
  shipping: {
    address: "Jl. Braga No. 8",
    city: "Bandung",
    postalCode: "40111",
    phone: "081299990000",
  },
  billingSameAsShipping: true,
});

const product = async (slug: string) =>
  (await db.run((d) => d.select().from(schema.products).where(eq(schema.products.slug, slug))))[0]!;
const setProduct = (slug: string, values: { stock?: number; maxPerOrder?: number | null }) =>
  db.run((d) => d.update(schema.products).set(values).where(eq(schema.products.slug, slug)));
const ordersOfCart = (cartId: string) =>
  db.run((d) =>
    d
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.cartId, cartId))
      .orderBy(asc(schema.orders.id)),
  );
const attemptOf = async (orderId: number) =>
  (
    await db.run((d) =>
      d
        .select()
        .from(schema.paymentAttempts)
        .where(eq(schema.paymentAttempts.orderId, orderId))
        .orderBy(asc(schema.paymentAttempts.id)),
    )
  ).at(-1)!;

async function cartWith(slug: string, quantity: number): Promise<string> {
  return addToCart(null, (await product(slug)).id, quantity);
}

/** Places one tote for `who` from a new cart; answers the result and the order (if any). */
async function placeTote(who: ReturnType<typeof shopper>, address: string | null = null) {
  const cartId = await cartWith(TOTE, 1);
  const result = await placeOrder(who, cartId, issueCheckoutKey(cartId), address);
  const [order] = await ordersOfCart(cartId);
  return { result, order };
}

/** Declines an order's payment at DOKU and lets Check Status apply it: the order fails, its units go back. */
async function decline(orderId: number) {
  const attempt = await attemptOf(orderId);
  await control(`orders/${attempt.invoiceNumber}/decline`);
  expect(await checkAttemptStatus(attempt.id)).toMatchObject({ ok: true, status: "failed" });
}

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control("reset");
  // Every test starts with no open holds: earlier orders are done with their units.
  await db.run((d) => d.update(schema.orders).set({ stockState: "sold", status: "paid" }));
  await setProduct(PHONE, { stock: 10, maxPerOrder: null });
  await setProduct(TOTE, { stock: 1_000 });
});

describe("@faults a hoarder", () => {
  it("cannot put more than a product's most per order in a cart, or order it from a cart filled before the limit", async () => {
    const phone = await product(PHONE);
    const early = await cartWith(PHONE, 5);
    await setProduct(PHONE, { maxPerOrder: 2 });

    await expect(addToCart(null, phone.id, 3)).rejects.toMatchObject({
      problem: { code: "maxPerOrder", max: 2 },
    });
    const cartId = await addToCart(null, phone.id, 2);
    const more = await addToCart(cartId, phone.id, 1).catch((error: unknown) => error);
    expect(more).toBeInstanceOf(CartError);
    expect(more).toMatchObject({ problem: { code: "maxPerOrderInCart", max: 2, inCart: 2 } });

    const result = await placeOrder(shopper(1), early, issueCheckoutKey(early));
    expect(result).toEqual({
      kind: "error",
      problem: {
        code: "maxPerOrder",
        items: [{ productId: phone.id, name: phone.name, wanted: 5, max: 2 }],
      },
    });
    expect(await ordersOfCart(early)).toEqual([]);
    expect((await product(PHONE)).stock, "nothing was held").toBe(10);

    const allowed = await placeOrder(shopper(1), cartId, issueCheckoutKey(cartId));
    expect(allowed.kind).toBe("redirect");
    expect((await product(PHONE)).stock).toBe(8);
  });

  it("holds at most two unpaid orders at once, counted by mailbox (any case, a +tag), by phone and by client address", async () => {
    const first = await placeTote(shopper(1), "203.0.113.7");
    const second = await placeTote(shopper(2, { email: "budi.1@example.com" }));
    expect([first.result.kind, second.result.kind]).toEqual(["redirect", "redirect"]);
    const stockAfterTwo = (await product(TOTE)).stock;

    const refused = { kind: "error", problem: { code: "tooManyOpenOrders", limit: 2 } };
    const byEmail = await placeTote(shopper(3, { email: "BUDI.1+again@Example.com" }));
    expect(byEmail.result).toEqual(refused);
    expect(byEmail.order, "no order row").toBeUndefined();
    // The second order's phone is shopper 2's, the first's address 203.0.113.7.
    expect((await placeTote(shopper(4, { phone: "0812-9999-0002" }))).result).toEqual({
      kind: "redirect",
      url: expect.any(String),
    });
    expect((await placeTote(shopper(5, { phone: "0812-9999-0002" }))).result).toEqual(refused);
    expect(
      (await placeTote(shopper(6), "203.0.113.7")).result,
      "a third hold from the first order's address",
    ).toEqual({ kind: "redirect", url: expect.any(String) });
    expect((await placeTote(shopper(7), "203.0.113.7")).result).toEqual(refused);
    expect((await product(TOTE)).stock, "refused placements held nothing").toBe(stockAfterTwo - 2);

    // Someone else is not affected; and once a hold ends, its shopper may order again.
    expect((await placeTote(shopper(8))).result.kind).toBe("redirect");
    await decline(first.order!.id);
    expect((await placeTote(shopper(9, { email: "budi.1@example.com" }))).result.kind).toBe(
      "redirect",
    );
  });

  it("cannot slip past the limit with placements at the same moment: exactly two of five are held", async () => {
    const carts = await Promise.all(Array.from({ length: 5 }, () => cartWith(TOTE, 1)));
    const results = await Promise.all(
      carts.map((cartId) => placeOrder(shopper(1), cartId, issueCheckoutKey(cartId))),
    );
    expect(results.filter((r) => r.kind === "redirect")).toHaveLength(2);
    expect(
      results.filter((r) => r.kind === "error" && r.problem.code === "tooManyOpenOrders"),
    ).toHaveLength(3);
    const held = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.stockState, "reserved")),
    );
    expect(held).toHaveLength(2);
  });

  it("cannot pay again past the limit: the failed order stays failed and takes nothing back", async () => {
    const failed = await placeTote(shopper(1));
    await decline(failed.order!.id);
    await placeTote(shopper(1));
    await placeTote(shopper(1));
    const stock = (await product(TOTE)).stock;

    expect(await payAgain(failed.order!.publicToken)).toEqual({ kind: "openOrders", limit: 2 });
    const [order] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, failed.order!.id)),
    );
    expect(order).toMatchObject({ status: "failed", stockState: "released" });
    expect((await product(TOTE)).stock).toBe(stock);
  });

  it("cannot pay again for more than a product's most per order set since the order was placed", async () => {
    const phone = await product(PHONE);
    const cartId = await cartWith(PHONE, 5);
    expect((await placeOrder(shopper(1), cartId, issueCheckoutKey(cartId))).kind).toBe("redirect");
    const [order] = await ordersOfCart(cartId);
    await decline(order!.id);
    await setProduct(PHONE, { maxPerOrder: 2 });

    expect(await payAgain(order!.publicToken)).toEqual({
      kind: "maxPerOrder",
      items: [{ productId: phone.id, name: phone.name, wanted: 5, max: 2 }],
    });
    const [after] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, order!.id)),
    );
    expect(after).toMatchObject({ status: "failed", stockState: "released" });
    expect((await product(PHONE)).stock, "nothing taken back").toBe(10);
  });

  it("asks DOKU for a link that lasts PAYMENT_EXPIRY_MINUTES, so the hold ends then", async () => {
    const { order } = await placeTote(shopper(1));
    const attempt = await attemptOf(order!.id);
    const atDoku = (await (
      await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)
    ).json()) as { createdAt: string; expiresAt: string };
    expect(new Date(atDoku.expiresAt).getTime() - new Date(atDoku.createdAt).getTime()).toBe(
      20 * 60_000,
    );
    // DOKU's answer gives the expiry to the second.
    expect(
      Math.abs(attempt.expiresAt!.getTime() - new Date(atDoku.expiresAt).getTime()),
    ).toBeLessThan(1_000);
  });
});
