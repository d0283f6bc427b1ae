// The reconciler: its decisions one by one, then whole passes against the real sandbox, on both
// databases; and two reconcilers at once ask DOKU once per attempt.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";

setTestEnv({ DOKU_TIMEOUT_MS: "1000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { decide, reconcileOnce } = await import("@/lib/payments/reconcile");
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { insertAttempt } = await import("@/lib/payments/attempts");
const { addToCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
type CheckStatusOutcome = import("@/lib/payments/check-status").CheckStatusOutcome;
type TransitionResult = import("@/lib/payments/transitions").TransitionResult;
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control("reset");
  // Every test starts with nothing open, so passes only see the test's own attempts.
  await db.run((d) =>
    d
      .update(schema.paymentAttempts)
      .set({ status: "expired" })
      .where(eq(schema.paymentAttempts.status, "pending")),
  );
  await db.run((d) =>
    d
      .update(schema.paymentAttempts)
      .set({ status: "rejected" })
      .where(eq(schema.paymentAttempts.status, "creating")),
  );
});

const later = (ms: number) => new Date(Date.now() + ms);

async function pendingOrder() {
  const [product] = await db.run((d) =>
    d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
  );
  const cartId = await addToCart(null, product!.id, 1);
  const key = issueCheckoutKey(cartId);
  const placed = await placeOrder(checkoutDetails, cartId, key);
  expect(placed.kind).toBe("redirect");
  const [order] = await db.run((d) =>
    d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key)),
  );
  const [attempt] = await db.run((d) =>
    d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, order!.id)),
  );
  return { order: order!, attempt: attempt! };
}

/** Units of the tote (what pendingOrder buys) available to reserve. */
const totes = async () =>
  (
    await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
    )
  )[0]!.stock;
const stockState = async (id: number) =>
  (await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, id))))[0]!
    .stockState;
const orderStatus = async (id: number) =>
  (await db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, id))))[0]!.status;
const attemptOf = async (id: number) =>
  (
    await db.run((d) =>
      d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.id, id)),
    )
  )[0]!;
const eventsOf = async (orderId: number) =>
  (
    await db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(eq(schema.paymentEvents.orderId, orderId))
        .orderBy(asc(schema.paymentEvents.id)),
    )
  ).map((e) => `${e.kind}:${e.outcome}`);

describe("decide", () => {
  const now = new Date("2026-11-27T10:00:00Z");
  const attempt = (status: string, expiresAt: Date | null = null) => ({
    id: 1,
    orderId: 1,
    status,
    expiresAt,
  });
  const settled = (to: "paid" | "expired"): TransitionResult => ({
    kind: "applied",
    to,
    order: "changed",
  });
  const ok = (
    status: "pending" | "paid" | "expired",
    result: TransitionResult = settled("paid"),
  ): CheckStatusOutcome => ({
    ok: true,
    status,
    providerStatus: status.toUpperCase(),
    result,
  });
  const err = (
    reason: "http" | "timeout" | "network" | "bad_signature" | "mismatch",
    httpStatus: number | null,
  ): CheckStatusOutcome => ({
    ok: false,
    reason,
    httpStatus,
  });

  it("applies a settled answer", () => {
    expect(decide(attempt("pending"), ok("paid"), now, 0)).toEqual({
      kind: "applied",
      outcome: "paid",
    });
    expect(decide(attempt("pending"), ok("expired", settled("expired")), now, 0)).toEqual({
      kind: "applied",
      outcome: "expired",
    });
  });

  it("reports nothing for an answer that moved nothing (already recorded, or not applicable)", () => {
    expect(
      decide(attempt("pending"), ok("paid", { kind: "duplicate", status: "paid" }), now, 0),
    ).toEqual({ kind: "leave" });
    expect(
      decide(attempt("pending"), ok("expired", { kind: "ignored", attemptStatus: "paid" }), now, 0),
    ).toEqual({ kind: "leave" });
  });

  it("leaves PENDING alone until its expiry (plus grace) has passed, then expires it locally", () => {
    const expiresAt = new Date(now.getTime() - 60_000);
    expect(decide(attempt("pending", null), ok("pending", { kind: "no_change" }), now, 0)).toEqual({
      kind: "leave",
    });
    expect(
      decide(attempt("pending", expiresAt), ok("pending", { kind: "no_change" }), now, 120_000),
    ).toEqual({ kind: "leave" });
    expect(
      decide(attempt("pending", expiresAt), ok("pending", { kind: "no_change" }), now, 30_000),
    ).toEqual({ kind: "expire_locally" });
  });

  it("rejects an attempt DOKU never heard of only if we never got its answer", () => {
    expect(decide(attempt("creating"), err("http", 404), now, 0)).toEqual({
      kind: "reject_unsent",
    });
    expect(decide(attempt("pending"), err("http", 404), now, 0)).toEqual({ kind: "leave" });
  });

  it("backs off on DOKU trouble, but not on answers that retrying cannot change", () => {
    for (const e of [
      err("timeout", null),
      err("network", null),
      err("http", 503),
      err("bad_signature", 200),
    ]) {
      expect(decide(attempt("pending"), e, now, 0)).toEqual({ kind: "back_off" });
    }
    expect(decide(attempt("pending"), err("http", 401), now, 0)).toEqual({ kind: "leave" });
    expect(decide(attempt("pending"), err("mismatch", 200), now, 0)).toEqual({ kind: "leave" });
  });
});

describe("@faults reconcileOnce against the sandbox", () => {
  it("pays an order whose notification was lost and sells its units, and a second pass changes nothing", async () => {
    const { order, attempt } = await pendingOrder();
    const held = await totes();
    await control("faults", { target: "notification", kind: "drop", count: 1000 });
    await control(`orders/${attempt.invoiceNumber}/approve`);
    expect(await orderStatus(order.id)).toBe("pending");

    expect((await reconcileOnce({ minAgeMs: 60_000 })).checked).toBe(0); // too young: DOKU wants ≥ 60 s
    const report = await reconcileOnce({ minAgeMs: 60_000, now: later(61_000) });
    expect(report).toEqual({
      checked: 1,
      changed: [{ attemptId: attempt.id, outcome: "paid" }],
      dokuErrors: 0,
    });
    expect(await orderStatus(order.id)).toBe("paid");
    expect(await eventsOf(order.id)).toEqual(["generate_order:pending", "check_status:paid"]);
    // Sold: the units the order held stay taken (the count does not move), and are never given back.
    expect(await stockState(order.id)).toBe("sold");
    expect(await totes()).toBe(held);

    const again = await reconcileOnce({ minAgeMs: 60_000, now: later(200_000) });
    expect(again).toEqual({ checked: 0, changed: [], dokuErrors: 0 });
    expect(await eventsOf(order.id)).toHaveLength(2);
  });

  it("expires an abandoned order when DOKU says EXPIRED, and gives its units back", async () => {
    const before = await totes();
    const { order, attempt } = await pendingOrder();
    expect(await totes()).toBe(before - 1);
    await control(`orders/${attempt.invoiceNumber}/expire`);
    const report = await reconcileOnce({ minAgeMs: 60_000, now: later(61_000) });
    expect(report.changed).toEqual([{ attemptId: attempt.id, outcome: "expired" }]);
    expect(await orderStatus(order.id)).toBe("expired");
    expect((await attemptOf(attempt.id)).status).toBe("expired");
    expect(await stockState(order.id)).toBe("released");
    expect(await totes()).toBe(before);
  });

  it("expires locally when DOKU still says PENDING long past the expiry it gave, and gives its units back", async () => {
    const before = await totes();
    const { order, attempt } = await pendingOrder();
    expect(await totes()).toBe(before - 1);
    const pastExpiry = new Date(attempt.expiresAt!.getTime() + 10 * 60_000);
    const report = await reconcileOnce({
      minAgeMs: 60_000,
      now: pastExpiry,
      expiryGraceMs: 5 * 60_000,
    });
    expect(report.changed).toEqual([{ attemptId: attempt.id, outcome: "expired" }]);
    expect(await orderStatus(order.id)).toBe("expired");
    expect(await eventsOf(order.id)).toEqual([
      "generate_order:pending",
      "check_status:no_change:pending",
      "local_expiry:expired",
    ]);
    expect(await stockState(order.id)).toBe("released");
    expect(await totes()).toBe(before);
    // A second pass finds nothing due, and gives nothing back twice.
    await reconcileOnce({
      minAgeMs: 60_000,
      now: new Date(pastExpiry.getTime() + 120_000),
      expiryGraceMs: 5 * 60_000,
    });
    expect(await totes()).toBe(before);
  });

  it("rejects an attempt that never reached DOKU, so the shopper can pay again", async () => {
    const { order } = await pendingOrder();
    const stuck = await db.transaction((tx) => insertAttempt(tx, order.id, order.total));
    const report = await reconcileOnce({ minAgeMs: 60_000, now: later(61_000) });
    expect(report.changed).toContainEqual({ attemptId: stuck, outcome: "rejected:never_sent" });
    expect((await attemptOf(stuck)).status).toBe("rejected");
    // The stuck attempt was the order's latest: the order fails and its units go back on sale.
    expect(await orderStatus(order.id)).toBe("failed");
    expect(await stockState(order.id)).toBe("released");
  });

  it("stops at the first DOKU error and leaves the rest for the next pass", async () => {
    const a = await pendingOrder();
    const b = await pendingOrder();
    await control("faults", { target: "check-status", kind: "error500", times: 5 });
    const report = await reconcileOnce({ minAgeMs: 60_000, now: later(61_000) });
    expect(report).toEqual({ checked: 1, changed: [], dokuErrors: 1 });
    expect(await orderStatus(a.order.id)).toBe("pending");
    expect(await orderStatus(b.order.id)).toBe("pending");
  });
});

describe("@faults two reconcilers at once (two instances)", () => {
  it("ask DOKU once per due attempt, and apply each answer once", async () => {
    const placed = [await pendingOrder(), await pendingOrder(), await pendingOrder()];
    await control("faults", { target: "notification", kind: "drop", count: 1000 });
    for (const { attempt } of placed) await control(`orders/${attempt.invoiceNumber}/approve`);
    const now = later(61_000);
    const [a, b] = await Promise.all([
      reconcileOnce({ minAgeMs: 60_000, now }),
      reconcileOnce({ minAgeMs: 60_000, now }),
    ]);
    expect(a.checked + b.checked).toBe(placed.length);
    expect([...a.changed, ...b.changed].map((c) => c.outcome)).toEqual(placed.map(() => "paid"));
    for (const { order, attempt } of placed) {
      expect(await orderStatus(order.id)).toBe("paid");
      expect(await eventsOf(order.id)).toEqual(["generate_order:pending", "check_status:paid"]);
      const calls = await fetch(`${sandbox.url}/_sandbox/orders/${attempt.invoiceNumber}`).then(
        (r) => r.json() as Promise<{ checkStatusCalls: number }>,
      );
      expect(calls.checkStatusCalls).toBe(1);
    }
  });
});

describe("npm run reconcile", () => {
  it("runs one pass from the command line with the app's configuration", async () => {
    const { order, attempt } = await pendingOrder();
    await control("faults", { target: "notification", kind: "drop", count: 1000 });
    await control(`orders/${attempt.invoiceNumber}/approve`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/reconcile.ts"],
      { env: { ...process.env, RECONCILE_MIN_AGE_MS: "0" } },
    );
    expect(stdout).toContain("reconciled: 1 checked, 1 changed");
    expect(stdout).toContain(`attempt ${attempt.id}: paid`);
    expect(await orderStatus(order.id)).toBe("paid");
  });
});
