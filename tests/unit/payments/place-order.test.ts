// placeOrder and payAgain through lib/doku against the real local sandbox: repricing from the
// database, one order per checkout form, and an order that survives every DOKU failure; on
// both databases.
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";

setTestEnv({ DOKU_TIMEOUT_MS: "1000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { payAgain } = await import("@/lib/checkout/pay-again");
const { pendingAttemptForToken } = await import("@/lib/orders/queries");
const { checkAttemptStatus } = await import("@/lib/payments/check-status");
const { addToCart, loadCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

const details = {
  firstName: "Budi",
  lastName: "Santoso",
  email: "budi@example.com",
  phone: "0812-9999-0000",
  shipping: {
    address: "Jl. Braga No. 8",
    city: "Bandung",
    postalCode: "40111",
    phone: "081299990000",
  },
  billingSameAsShipping: true,
};

async function product(slug: string) {
  return (
    await db.run((d) => d.select().from(schema.products).where(eq(schema.products.slug, slug)))
  )[0]!;
}
const ordersByKey = (key: string) =>
  db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key)));
const ordersOfCart = (cartId: string) =>
  db.run((d) =>
    d
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.cartId, cartId))
      .orderBy(asc(schema.orders.id)),
  );
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

async function cartWith(...lines: [slug: string, qty: number][]): Promise<string> {
  let cartId: string | null = null;
  for (const [slug, qty] of lines) cartId = await addToCart(cartId, (await product(slug)).id, qty);
  return cartId!;
}

/** One tote bag ordered through the checkout: the result, the saved order and its first attempt. */
async function placedTote() {
  const cartId = await cartWith(["batik-kawung-tote", 1]);
  const result = await placeOrder(details, cartId, issueCheckoutKey(cartId));
  const [order] = await ordersOfCart(cartId);
  const status = async () =>
    (await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, order!.id))))[0]!
      .status;
  return { result, order: order!, attempt: (await attemptsOf(order!.id))[0]!, status };
}

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset"));

describe("@faults placeOrder", () => {
  it("reprices from the database, saves the order, empties the cart and redirects to Kredivo", async () => {
    const shirt = await product("batik-tulis-parang-shirt");
    const coffee = await product("java-preanger-arabica-250g");
    const cartId = await cartWith(
      ["batik-tulis-parang-shirt", 2],
      ["java-preanger-arabica-250g", 3],
    );
    const key = issueCheckoutKey(cartId);

    const result = await placeOrder(details, cartId, key);
    expect(result.kind).toBe("redirect");
    if (result.kind !== "redirect") return;
    expect(result.url.startsWith(`${sandbox.url}/kredivo/`)).toBe(true);

    const [order] = await ordersByKey(key);
    const subtotal = shirt.price * 2 + coffee.price * 3;
    expect(order).toMatchObject({ status: "pending", subtotal, customerPhone: "6281299990000" });
    expect(order!.total).toBe(subtotal + order!.shippingTotal);
    expect(order!.shippingTotal).toBeGreaterThan(0);
    const [attempt] = await attemptsOf(order!.id);
    expect(attempt).toMatchObject({
      status: "pending",
      amount: order!.total,
      paymentUrl: result.url,
    });
    expect(attempt!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect((await loadCart(cartId)).lines).toHaveLength(0);

    const atDoku = (await (
      await fetch(`${sandbox.url}/_sandbox/orders/${attempt!.invoiceNumber}`)
    ).json()) as {
      amount: number;
      lineItems: { price: number; quantity: number }[];
    };
    expect(atDoku.amount).toBe(order!.total);
    expect(atDoku.lineItems.reduce((s, li) => s + li.price * li.quantity, 0)).toBe(order!.total);
    expect(
      (await eventsOf(order!.id)).map((e) => [e.kind, e.outcome, e.httpStatus, e.signatureValid]),
    ).toEqual([["generate_order", "pending", 200, true]]);
  });

  it("a second submit of the same form goes to the same payment, not a second order", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const key = issueCheckoutKey(cartId);
    const first = await placeOrder(details, cartId, key);
    const second = await placeOrder(details, cartId, key);
    expect(second).toEqual(first);
    expect(await ordersByKey(key)).toHaveLength(1);
  });

  it("a checkout key posted from another cart never reveals or reuses that order", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const key = issueCheckoutKey(cartId);
    const mine = await placeOrder(details, cartId, key);
    expect(mine.kind).toBe("redirect");
    const theirs = await placeOrder(details, await cartWith(["batik-kawung-tote", 2]), key);
    expect(theirs).toEqual({ kind: "error", problem: { code: "expiredForm" } });
    expect(await ordersByKey(key)).toHaveLength(1);
  });

  it("accepts only a checkout key this server issued, for this cart, within the day @faults", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const expired = { kind: "error", problem: { code: "expiredForm" } };
    const issued = issueCheckoutKey(cartId);
    const [nonce, issuedAt, mac] = issued.split(".") as [string, string, string];
    const forged = [
      randomUUID(), // any UUID the client makes up, as the old form allowed
      issueCheckoutKey(await cartWith(["batik-kawung-tote", 1])), // another cart's
      `${randomUUID()}.${issuedAt}.${mac}`, // a new nonce under an old MAC
      `${nonce}.${issuedAt}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      issueCheckoutKey(cartId, Date.now() - 13 * 60 * 60 * 1000), // a form left open past 12 h
      `${issued}x`,
    ];
    for (const key of forged) expect(await placeOrder(details, cartId, key), key).toEqual(expired);
    expect(await ordersOfCart(cartId)).toHaveLength(0);
    expect((await placeOrder(details, cartId, issued)).kind).toBe("redirect");
  });

  it("limits the payments one cart starts in an hour, with a clear message @faults", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const results = [];
    for (let i = 0; i < 6; i++) {
      await addToCart(cartId, (await product("batik-kawung-tote")).id, 1);
      results.push(await placeOrder(details, cartId, issueCheckoutKey(cartId)));
    }
    expect(results.slice(0, 5).map((r) => r.kind)).toEqual(Array(5).fill("redirect"));
    expect(results[5]).toEqual({
      kind: "error",
      problem: { code: "tooManyAttempts", minutes: expect.toBeOneOf([59, 60]) },
    });
    expect(await ordersOfCart(cartId)).toHaveLength(5);
    // "Pay again" on one of those orders counts against the same cart.
    const [first] = await ordersOfCart(cartId);
    await db.run((d) =>
      d.update(schema.orders).set({ status: "failed" }).where(eq(schema.orders.id, first!.id)),
    );
    await db.run((d) =>
      d
        .update(schema.paymentAttempts)
        .set({ status: "failed" })
        .where(eq(schema.paymentAttempts.orderId, first!.id)),
    );
    expect(await payAgain(first!.publicToken)).toMatchObject({ kind: "limited" });
    expect(await attemptsOf(first!.id)).toHaveLength(1);
  });

  it("limits per client address too, when trusted proxies give one", async () => {
    const address = "198.51.100.7";
    const kinds: string[] = [];
    for (let i = 0; i < 21; i++) {
      const cartId = await cartWith(["batik-kawung-tote", 1]);
      kinds.push((await placeOrder(details, cartId, issueCheckoutKey(cartId), address)).kind);
    }
    expect(kinds.slice(0, 20)).toEqual(Array(20).fill("redirect"));
    expect(kinds[20]).toBe("error");
    const other = await cartWith(["batik-kawung-tote", 1]);
    expect((await placeOrder(details, other, issueCheckoutKey(other), "198.51.100.8")).kind).toBe(
      "redirect",
    );
  });

  it("refuses invalid details with every field's message and stores nothing", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const key = issueCheckoutKey(cartId);
    const result = await placeOrder(
      { ...details, email: "nope", shipping: { ...details.shipping, postalCode: "1" } },
      cartId,
      key,
    );
    expect(result).toEqual({
      kind: "invalid",
      fieldErrors: { email: "email.invalid", "shipping.postalCode": "postalCode.invalid" },
    });
    expect(await ordersByKey(key)).toHaveLength(0);
    expect((await loadCart(cartId)).lines).toHaveLength(1);
  });

  it("refuses an empty or unknown cart", async () => {
    const unknown = "x".repeat(43);
    expect(await placeOrder(details, unknown, issueCheckoutKey(unknown))).toEqual({
      kind: "error",
      problem: { code: "cartEmpty" },
    });
  });

  it.each([
    ["error500", "rejected:http"],
    ["failed-status", "rejected:payment_failed"],
    ["bad-signature", "rejected:bad_signature"],
    ["timeout", "rejected:timeout"],
  ])(
    "keeps the order when generate-order fails (%s) and lets the shopper pay again",
    async (kind, outcome) => {
      await control("faults", { target: "generate-order", kind, times: 1, ms: 3000 });
      const cartId = await cartWith(["kopi-gula-aren-drip-bags", 2]);
      const key = issueCheckoutKey(cartId);
      const result = await placeOrder(details, cartId, key);
      const [order] = await ordersByKey(key);
      // Never a redirect to a URL we could not verify: the shopper lands on their own order page.
      expect(result).toEqual({ kind: "redirect", url: `/orders/${order!.publicToken}` });
      expect(order!.status).toBe("failed");
      const [attempt] = await attemptsOf(order!.id);
      expect(attempt!.status).toBe("rejected");
      expect(attempt!.failureReason).toBeTruthy();
      const [event] = await eventsOf(order!.id);
      expect(event!.outcome).toBe(outcome);
      expect(event!.requestBody).toContain(attempt!.invoiceNumber);

      const again = await payAgain(order!.publicToken);
      expect(again!.kind === "redirect" && again!.url.startsWith(`${sandbox.url}/kredivo/`)).toBe(
        true,
      );
      const attempts = await attemptsOf(order!.id);
      expect(attempts.map((a) => a.status)).toEqual(["rejected", "pending"]);
      expect(attempts[0]!.invoiceNumber).not.toBe(attempts[1]!.invoiceNumber);
      expect((await ordersByKey(key))[0]!.status).toBe("pending");
    },
  );
});

describe("the shopper's return", () => {
  it("asks DOKU about a pending attempt at most once every 10 s, however often the URL is opened", async () => {
    const cartId = await cartWith(["batik-kawung-tote", 1]);
    const key = issueCheckoutKey(cartId);
    await placeOrder(details, cartId, key);
    const order = (await ordersByKey(key))[0]!;
    const pending = await pendingAttemptForToken(order.publicToken);
    expect(pending).not.toBeNull();
    expect((await checkAttemptStatus(pending!.attemptId)).ok).toBe(true);
    // Asked again within the window: refused before DOKU is called; after it, asked again.
    expect(await checkAttemptStatus(pending!.attemptId)).toMatchObject({
      ok: false,
      reason: "recently_checked",
    });
    expect(
      (await checkAttemptStatus(pending!.attemptId, { now: new Date(Date.now() + 11_000) })).ok,
    ).toBe(true);
    expect(await pendingAttemptForToken("not-a-token")).toBeNull();
  });

  it("enforce: a Check Status answer signed without the Digest line (one reading of DOKU) confirms the payment @faults", async () => {
    const { order, attempt, status } = await placedTote();
    await control(`orders/${attempt.invoiceNumber}/approve`);
    await control("signing", { mode: "get-without-digest" });
    expect(await checkAttemptStatus(attempt.id)).toMatchObject({
      ok: true,
      status: "paid",
      providerStatus: "SUCCESS",
    });
    expect(await status()).toBe("paid");
    expect(
      (await eventsOf(order.id)).find((e) => e.kind === "check_status")!.signatureCheck,
    ).toMatchObject({ valid: true, variant: "without_digest" });
  });

  it("a Check Status answer with nulls, gaps and unknown fields (DOKU publishes no sample) still confirms the payment @faults", async () => {
    const { order, attempt, status } = await placedTote();
    await control(`orders/${attempt.invoiceNumber}/approve`);
    await control("envelope", { shape: "sparse" });
    expect(await checkAttemptStatus(attempt.id)).toMatchObject({
      ok: true,
      status: "paid",
      providerStatus: "SUCCESS",
    });
    const answer = (await eventsOf(order.id)).find((e) => e.kind === "check_status")!;
    expect(JSON.parse(answer.responseBody!)).toMatchObject({
      peer_to_peer_info: null,
      transaction: { date: null },
    });
    expect(await status()).toBe("paid");
  });

  it("enforce: an unsigned generate-order answer is a clear failure, and the merchant sees what was missing @faults", async () => {
    await control("signing", { mode: "unsigned" });
    const { result, order, attempt } = await placedTote();
    expect(result).toEqual({ kind: "redirect", url: `/orders/${order.publicToken}` });
    expect(attempt).toMatchObject({
      status: "rejected",
      failureReason:
        "bad_signature: DOKU's response signature did not verify (no Response-Timestamp or Signature header in the response)",
    });
    expect((await eventsOf(order.id))[0]).toMatchObject({
      outcome: "rejected:bad_signature",
      flagged: true,
      signatureCheck: { headers: { Signature: false } },
    });
  });

  it("a storm of checks for one attempt makes one DOKU call, the slot claimed before the call @faults", async () => {
    const { order, attempt } = await placedTote();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => checkAttemptStatus(attempt.id)),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.reason === "recently_checked")).toHaveLength(39);
    const seen = (await (
      await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`)
    ).json()) as { checkStatusCalls: number };
    expect(seen.checkStatusCalls).toBe(1);
    expect((await eventsOf(order.id)).filter((e) => e.kind === "check_status")).toHaveLength(1);
  });
});
