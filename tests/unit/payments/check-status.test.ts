// checkAttemptStatus (lib/payments/check-status.ts) against the real sandbox, on both databases:
// a signed answer that does not fit the attempt changes nothing and is kept for review, an
// attempt we do not have is never asked about, and a SUCCESS it reads sells the order's units.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { rowReads } from "../../support/rows";

setTestEnv({ DOKU_TIMEOUT_MS: "2000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { checkAttemptStatus } = await import("@/lib/payments/check-status");
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { addToCart } = await import("@/lib/cart/cart");
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
const { order: orderRow, attempt: attemptRow } = rows;
const checkEvents = async (orderId: number) =>
  (await rows.events(orderId)).filter((e) => e.kind === "check_status");

/** One tote ordered through the checkout, then approved at Kredivo; its notification goes nowhere (port 9). */
async function paidAtKredivo() {
  const cartId = await addToCart(null, (await rows.product(SLUG)).id, 1);
  const key = issueCheckoutKey(cartId);
  expect((await placeOrder(checkoutDetails, cartId, key)).kind).toBe("redirect");
  const [order] = await rows.ordersByKey(key);
  const [attempt] = await rows.attempts(order!.id);
  await control(`orders/${attempt!.invoiceNumber}/approve`);
  return { order: order!, attempt: attempt! };
}

describe("@faults a signed Check Status answer that does not fit the attempt", () => {
  it.each([
    ["wrong-amount", (inv: string, amount: number) => `${inv}/${amount + 1}`],
    ["wrong-invoice", (inv: string, amount: number) => `${inv}-OTHER/${amount}`],
  ])(
    "%s: a SUCCESS for another amount or invoice is flagged and never pays @faults",
    async (kind, got) => {
      const { order, attempt } = await paidAtKredivo();
      const held = await totes();
      await control("faults", { target: "check-status", kind, invoice: attempt.invoiceNumber });

      expect(await checkAttemptStatus(attempt.id)).toEqual({
        ok: false,
        reason: "mismatch",
        httpStatus: 200,
      });
      expect(
        (await checkEvents(order.id)).map((e) => [
          e.outcome,
          e.flagged,
          e.effect,
          e.signatureValid,
        ]),
      ).toEqual([
        [
          `flagged:mismatch(expected ${attempt.invoiceNumber}/${attempt.amount}, got ${got(attempt.invoiceNumber, attempt.amount)})`,
          true,
          null,
          true,
        ],
      ]);
      expect((await attemptRow(attempt.id)).status).toBe("pending");
      expect(await orderRow(order.id)).toMatchObject({
        status: "pending",
        stockState: "reserved",
        paidAt: null,
      });
      expect(await totes()).toBe(held);
    },
  );

  it("an unrecognised status is kept, flagged and applied to nothing @faults", async () => {
    const { order, attempt } = await paidAtKredivo();
    await control("faults", {
      target: "check-status",
      kind: "unrecognised-status",
      invoice: attempt.invoiceNumber,
    });

    expect(await checkAttemptStatus(attempt.id)).toEqual({
      ok: false,
      reason: "unrecognised_status",
      httpStatus: 200,
    });
    expect((await checkEvents(order.id)).map((e) => [e.outcome, e.flagged, e.effect])).toEqual([
      ["ignored:status_ON_HOLD", true, null],
    ]);
    expect((await attemptRow(attempt.id)).status).toBe("pending");
    expect(await orderRow(order.id)).toMatchObject({ status: "pending", stockState: "reserved" });

    // The next check, past the 10 s window, reads DOKU's real SUCCESS and pays.
    expect(
      await checkAttemptStatus(attempt.id, { now: new Date(Date.now() + 11_000) }),
    ).toMatchObject({ ok: true, status: "paid" });
    expect((await orderRow(order.id)).status).toBe("paid");
  });

  it("an attempt we do not have is answered unknown_attempt: DOKU is not asked and nothing is recorded @faults", async () => {
    const [last] = await db.run((d) =>
      d
        .select({ id: schema.paymentAttempts.id })
        .from(schema.paymentAttempts)
        .orderBy(asc(schema.paymentAttempts.id)),
    );
    const missing = (last?.id ?? 0) + 1_000_000;
    const eventsBefore = (
      await db.run((d) => d.select({ id: schema.paymentEvents.id }).from(schema.paymentEvents))
    ).length;

    expect(await checkAttemptStatus(missing)).toEqual({
      ok: false,
      reason: "unknown_attempt",
      httpStatus: null,
    });
    expect(sandbox.state.checkStatusCalls.size).toBe(0);
    expect(
      await db.run((d) => d.select({ id: schema.paymentEvents.id }).from(schema.paymentEvents)),
    ).toHaveLength(eventsBefore);
    expect(
      await db.run((d) =>
        d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.id, missing)),
      ),
    ).toEqual([]);
  });
});

describe("a payment read by Check Status", () => {
  it("sells the order's units (stock unchanged, stock_state sold) and queues the confirmation", async () => {
    const before = await totes();
    const { order, attempt } = await paidAtKredivo();
    expect(await totes()).toBe(before - 1);

    expect(await checkAttemptStatus(attempt.id)).toMatchObject({
      ok: true,
      status: "paid",
      providerStatus: "SUCCESS",
      result: { kind: "applied", order: "changed" },
    });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", stockState: "sold" });
    expect(await totes()).toBe(before - 1);
    expect((await checkEvents(order.id)).map((e) => [e.outcome, e.effect])).toEqual([
      ["paid", "paid"],
    ]);
    const emails = await db.run((d) =>
      d
        .select({ kind: schema.emailOutbox.kind })
        .from(schema.emailOutbox)
        .where(eq(schema.emailOutbox.orderId, order.id)),
    );
    expect(emails.map((e) => e.kind)).toEqual(["order_confirmation"]);
  });
});
