// Races on the way into a payment, on both databases, against the real sandbox: two identical
// checkout submits at the same moment, a double click on "Pay again", and DOKU's notification
// overtaking its own generate-order answer. DOKU's answer is held by the sandbox (a timeout fault
// of 10 minutes) and released by a reset, so every interleaving is chosen by the test, not by luck.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { rowReads } from "../../support/rows";
import { signedNotification } from "../../support/signed-notification";

// The client must outwait the sandbox's hold, which the test ends by a reset.
setTestEnv({ DOKU_TIMEOUT_MS: "60000" });
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

const SLUG = "batik-kawung-tote";
const rows = rowReads(() => db, schema);
const totes = async () => (await rows.product(SLUG)).stock;
const {
  ordersByKey,
  order: orderRow,
  attempts: attemptsOf,
  outcomes: eventsOf,
  cartAttempts: cartCount,
} = rows;
async function toteCart(): Promise<string> {
  return addToCart(null, (await rows.product(SLUG)).id, 1);
}

/** DOKU holds its generate-order answer until the test resets the sandbox. */
const holdGenerateOrder = () =>
  control("faults", { target: "generate-order", kind: "timeout", ms: 600_000 });
const releaseHeldAnswers = () => control("reset");

/** Waits, yielding to I/O, until the sandbox has received generate-order for `invoice` (held, not answered). */
async function dokuHas(invoice: string): Promise<void> {
  await expect
    .poll(() => sandbox.state.order(invoice) !== undefined, { timeout: 10_000 })
    .toBe(true);
}

describe("@faults two identical checkout submits at the same moment", () => {
  it("make one order, one attempt and one reservation; the second lands on that order's page @faults", async () => {
    const before = await totes();
    const cartId = await toteCart();
    const key = issueCheckoutKey(cartId);
    await holdGenerateOrder();

    const submits = [
      placeOrder(checkoutDetails, cartId, key),
      placeOrder(checkoutDetails, cartId, key),
    ];
    // While the winner waits for DOKU, the loser has already answered: it found the key taken.
    const loser = await Promise.race(submits);
    const [order] = await ordersByKey(key);
    expect(loser).toEqual({ kind: "redirect", url: `/orders/${order!.publicToken}` });
    await releaseHeldAnswers();
    const [first, second] = await Promise.all(submits);
    const [attempt] = await attemptsOf(order!.id);
    expect([first, second]).toContainEqual({ kind: "redirect", url: attempt!.paymentUrl });
    expect(attempt!.paymentUrl!.startsWith(`${sandbox.url}/kredivo/`)).toBe(true);

    expect(await ordersByKey(key)).toHaveLength(1);
    expect(await attemptsOf(order!.id)).toHaveLength(1);
    expect(await orderRow(order!.id)).toMatchObject({ status: "pending", stockState: "reserved" });
    expect(await totes()).toBe(before - 1);
    expect(await eventsOf(order!.id)).toEqual(["generate_order:pending"]);
  });
});

describe("@faults a double click on Pay again", () => {
  it("adds one attempt and takes the units once; the losing click lands on the order page @faults", async () => {
    const before = await totes();
    const cartId = await toteCart();
    const key = issueCheckoutKey(cartId);
    expect((await placeOrder(checkoutDetails, cartId, key)).kind).toBe("redirect");
    const [order] = await ordersByKey(key);
    const [first] = await attemptsOf(order!.id);
    const failed = signedNotification(
      { invoice: first!.invoiceNumber, amount: first!.amount },
      "FAILED",
    );
    expect(
      (await receiveNotification(failed.body, failed.headers, { url: TEST_DOKU.notificationPath }))
        .body.outcome,
    ).toBe("failed");
    expect(await totes()).toBe(before);
    const countBefore = await cartCount(cartId);

    await holdGenerateOrder();
    const clicks = [payAgain(order!.publicToken), payAgain(order!.publicToken)];
    const loser = await Promise.race(clicks);
    expect(loser).toEqual({ kind: "redirect", url: `/orders/${order!.publicToken}` });
    await releaseHeldAnswers();
    const results = await Promise.all(clicks);
    const attempts = await attemptsOf(order!.id);
    expect(attempts.map((a) => a.status)).toEqual(["failed", "pending"]);
    expect(results).toContainEqual({ kind: "redirect", url: attempts[1]!.paymentUrl });

    expect(await orderRow(order!.id)).toMatchObject({ status: "pending", stockState: "reserved" });
    expect(await totes()).toBe(before - 1);
    // Only the click that started an attempt counts against the cart's hourly limit.
    expect(await cartCount(cartId)).toBe(countBefore + 1);
  });
});

describe("@faults DOKU's notification overtakes its own generate-order answer", () => {
  it("the attempt is paid by the notification; the late answer is recorded and changes nothing @faults", async () => {
    const before = await totes();
    const cartId = await toteCart();
    const key = issueCheckoutKey(cartId);
    await holdGenerateOrder();
    const placing = placeOrder(checkoutDetails, cartId, key);

    // The order and its attempt are committed before DOKU is asked.
    await expect.poll(async () => (await ordersByKey(key)).length, { timeout: 10_000 }).toBe(1);
    const order = (await ordersByKey(key))[0]!;
    const [attempt] = await attemptsOf(order.id);
    await dokuHas(attempt!.invoiceNumber);
    expect(attempt!.status).toBe("creating");
    const paid = signedNotification(
      { invoice: attempt!.invoiceNumber, amount: attempt!.amount },
      "SUCCESS",
    );
    expect(
      (await receiveNotification(paid.body, paid.headers, { url: TEST_DOKU.notificationPath })).body
        .outcome,
    ).toBe("paid");

    await releaseHeldAnswers();
    // Nothing is left to pay: the shopper goes to their (paid) order page, not to Kredivo.
    expect(await placing).toEqual({ kind: "redirect", url: `/orders/${order.publicToken}` });
    const [after] = await attemptsOf(order.id);
    expect(after).toMatchObject({ status: "paid", paymentUrl: null });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "sold" });
    expect(await totes()).toBe(before - 1);
    expect(await eventsOf(order.id)).toEqual([
      "notification:paid",
      "generate_order:ignored:attempt_already_settled",
    ]);
  });
});
