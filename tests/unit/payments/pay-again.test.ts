// "Pay again" (lib/checkout/pay-again.ts) on both databases, against the real sandbox: an order
// still pending goes back to its live Kredivo link without a new attempt, and a new attempt that
// DOKU refuses leaves the order failed with its units back on sale, ready to try again.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { rowReads } from "../../support/rows";
import { signedNotification } from "../../support/signed-notification";

setTestEnv({ DOKU_TIMEOUT_MS: "2000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { payAgain } = await import("@/lib/checkout/pay-again");
const { addToCart } = await import("@/lib/cart/cart");
const { receiveNotification } = await import("@/lib/payments/notifications");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset"));

const SLUG = "kopi-gula-aren-drip-bags";
const rows = rowReads(() => db, schema);
const product = () => rows.product(SLUG);
const stock = async () => (await product()).stock;
const { order: orderRow, attempts: attemptsOf, outcomes: eventsOf, cartAttempts: cartCount } = rows;

/** Two bags of coffee ordered through the checkout: its order and first attempt, pending at Kredivo. */
async function placed() {
  const cartId = await addToCart(null, (await product()).id, 2);
  const key = issueCheckoutKey(cartId);
  expect((await placeOrder(checkoutDetails, cartId, key)).kind).toBe("redirect");
  const [order] = await rows.ordersByKey(key);
  return { order: order!, attempt: (await attemptsOf(order!.id))[0]! };
}

describe("pay again on an order still pending", () => {
  it("goes back to the live Kredivo link: no new attempt, no slot of the limit, no units taken", async () => {
    const { order, attempt } = await placed();
    const held = await stock();
    const counted = await cartCount(order.cartId);

    expect(await payAgain(order.publicToken)).toEqual({
      kind: "redirect",
      url: attempt.paymentUrl,
    });
    expect(attempt.paymentUrl!.startsWith(`${sandbox.url}/kredivo/`)).toBe(true);
    expect(await attemptsOf(order.id)).toHaveLength(1);
    expect(await cartCount(order.cartId)).toBe(counted);
    expect(await stock()).toBe(held);
    expect(await orderRow(order.id)).toMatchObject({ status: "pending", stockState: "reserved" });
  });

  it("whose link has expired, goes to the order page and starts nothing (the reconciler settles it)", async () => {
    const { order, attempt } = await placed();
    await db.run((d) =>
      d
        .update(schema.paymentAttempts)
        .set({ expiresAt: new Date(Date.now() - 1_000) })
        .where(eq(schema.paymentAttempts.id, attempt.id)),
    );

    expect(await payAgain(order.publicToken)).toEqual({
      kind: "redirect",
      url: `/orders/${order.publicToken}`,
    });
    expect((await attemptsOf(order.id)).map((a) => a.status)).toEqual(["pending"]);
    expect(await eventsOf(order.id)).toEqual(["generate_order:pending"]);
  });
});

describe("@faults pay again when DOKU refuses the new attempt", () => {
  it("leaves the order failed with the new attempt rejected and its units back on sale; the next try pays @faults", async () => {
    const before = await stock();
    const { order, attempt } = await placed();
    const failed = signedNotification(
      { invoice: attempt.invoiceNumber, amount: attempt.amount },
      "FAILED",
    );
    expect(
      (await receiveNotification(failed.body, failed.headers, { url: TEST_DOKU.notificationPath }))
        .body.outcome,
    ).toBe("failed");
    expect(await stock()).toBe(before);

    await control("faults", { target: "generate-order", kind: "error500", times: 1 });
    expect(await payAgain(order.publicToken)).toEqual({
      kind: "redirect",
      url: `/orders/${order.publicToken}`,
    });
    const attempts = await attemptsOf(order.id);
    expect(attempts.map((a) => a.status)).toEqual(["failed", "rejected"]);
    expect(attempts[1]!.failureReason).toBeTruthy();
    expect(await orderRow(order.id)).toMatchObject({ status: "failed", stockState: "released" });
    expect(await stock()).toBe(before);
    expect(await eventsOf(order.id)).toEqual([
      "generate_order:pending",
      "notification:failed",
      "generate_order:rejected:http",
    ]);

    // DOKU is back: the next click reserves the units again and reaches Kredivo.
    const again = await payAgain(order.publicToken);
    const latest = (await attemptsOf(order.id)).at(-1)!;
    expect(again).toEqual({ kind: "redirect", url: latest.paymentUrl });
    expect(latest.status).toBe("pending");
    expect(await orderRow(order.id)).toMatchObject({ status: "pending", stockState: "reserved" });
    expect(await stock()).toBe(before - 2);
  });
});
