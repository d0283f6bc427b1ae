// DOKU_RESPONSE_SIGNATURE=report, through the app's own placeOrder and checkAttemptStatus: an
// answer whose signature fails is recorded and flagged; a generate-order answer is still followed,
// a Check Status answer never changes an order.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";

setTestEnv({ DOKU_RESPONSE_SIGNATURE: "report" });
const sandbox = await startAppSandbox();
const { control } = sandbox;
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { checkAttemptStatus } = await import("@/lib/payments/check-status");
const { addToCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

const details = checkoutDetails;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset"));

async function placed() {
  const [product] = await db.run((d) =>
    d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
  );
  const cartId = await addToCart(null, product!.id, 1);
  const result = await placeOrder(details, cartId, issueCheckoutKey(cartId));
  const [order] = await db.run((d) =>
    d.select().from(schema.orders).where(eq(schema.orders.cartId, cartId)),
  );
  const [attempt] = await db.run((d) =>
    d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, order!.id)),
  );
  const events = () =>
    db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(eq(schema.paymentEvents.orderId, order!.id))
        .orderBy(asc(schema.paymentEvents.id)),
    );
  const status = async () =>
    (await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, order!.id))))[0]!
      .status;
  return { result, order: order!, attempt: attempt!, events, status };
}

describe("@faults DOKU_RESPONSE_SIGNATURE=report", () => {
  it("an unsigned generate-order answer is followed, recorded and flagged with what was missing", async () => {
    await control("signing", { mode: "unsigned" });
    const { result, attempt, events } = await placed();
    expect(result).toEqual({
      kind: "redirect",
      url: expect.stringContaining(`${sandbox.url}/kredivo/`),
    });
    expect(attempt.status).toBe("pending");
    const [event] = await events();
    expect(event).toMatchObject({
      kind: "generate_order",
      outcome: "pending",
      flagged: true,
      signatureValid: false,
    });
    expect(event!.signatureCheck).toMatchObject({
      valid: false,
      problem: "no Response-Timestamp or Signature header in the response",
    });
  });

  it("answers that verify (with the Digest line, or a GET's without it) are followed and applied unflagged", async () => {
    const { attempt, events, status } = await placed();
    expect((await events())[0]).toMatchObject({
      kind: "generate_order",
      outcome: "pending",
      flagged: false,
      signatureValid: true,
    });
    await control(`orders/${attempt.invoiceNumber}/approve`);
    await control("signing", { mode: "get-without-digest" });
    expect(await checkAttemptStatus(attempt.id)).toMatchObject({
      ok: true,
      status: "paid",
      providerStatus: "SUCCESS",
    });
    expect(await status()).toBe("paid");
    expect((await events()).find((e) => e.kind === "check_status")).toMatchObject({
      outcome: "paid",
      flagged: false,
      signatureCheck: { variant: "without_digest" },
    });
  });

  it("an unsigned SUCCESS from Check Status is flagged and never pays the order", async () => {
    const { attempt, events, status } = await placed();
    await control(`orders/${attempt.invoiceNumber}/approve`);
    await control("signing", { mode: "unsigned" });
    const answer = await checkAttemptStatus(attempt.id);
    expect(answer).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await status()).toBe("pending");
    const check = (await events()).find((e) => e.kind === "check_status")!;
    expect(check).toMatchObject({
      outcome: "error:bad_signature",
      flagged: true,
      signatureValid: false,
    });
    expect(check.responseBody).toContain("SUCCESS");
  });
});
