// The reconciler's schedule (lib/payments/reconcile-schedule.ts) with its timer in the test's
// hands, its runs real passes against the sandbox on both databases: it backs off while DOKU
// fails, up to its cap, survives a run that throws, returns to its interval after a good run, and
// starts once per process.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { rowReads } from "../../support/rows";

setTestEnv({ DOKU_TIMEOUT_MS: "2000" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const { startReconciler, MAX_BACKOFF_MS } = await import("@/lib/payments/reconcile-schedule");
const { reconcileOnce } = await import("@/lib/payments/reconcile");
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { addToCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control("reset");
  // The start-once guard lives on globalThis for the process; each test starts its own chain.
  delete (globalThis as { __reconcilerStarted?: boolean }).__reconcilerStarted;
});
afterEach(() => vi.restoreAllMocks());

/** Timers the schedule sets, kept instead of run: the test fires them one at a time. */
function heldTimers() {
  const waits: { run: () => Promise<void>; delayMs: number }[] = [];
  return {
    setTimer: (run: () => Promise<void>, delayMs: number) => void waits.push({ run, delayMs }),
    waits,
    /** Fires the one scheduled run and answers the delay it scheduled next. */
    async fire(): Promise<number> {
      expect(waits).toHaveLength(1);
      await waits.shift()!.run();
      expect(waits).toHaveLength(1);
      return waits[0]!.delayMs;
    },
  };
}

async function pendingOrder() {
  const [product] = await db.run((d) =>
    d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
  );
  const cartId = await addToCart(null, product!.id, 1);
  const key = issueCheckoutKey(cartId);
  expect((await placeOrder(checkoutDetails, cartId, key)).kind).toBe("redirect");
  const [order] = await db.run((d) =>
    d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, key)),
  );
  const [attempt] = await db.run((d) =>
    d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, order!.id)),
  );
  return { order: order!, attempt: attempt! };
}
const { outcomes } = rowReads(() => db, schema);

describe("@faults the reconciler's schedule", () => {
  it("doubles its wait while DOKU fails, stops at the cap, counts a thrown run as a failure, and is back to its interval after a good run @faults", async () => {
    const { order, attempt } = await pendingOrder();
    await control("faults", {
      target: "check-status",
      kind: "error500",
      times: 3,
      invoice: attempt.invoiceNumber,
    });
    const steps: ("reconcile" | "throw")[] = [
      "reconcile",
      "reconcile",
      "reconcile",
      "throw",
      "reconcile",
    ];
    const pass = async () => {
      if (steps.shift() === "throw") throw new Error("database unavailable");
      // Age 0: the attempt is due on every run, so each run asks DOKU.
      return reconcileOnce({ minAgeMs: 0 });
    };
    const errors: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation(
      (chunk: string | Uint8Array) => (errors.push(String(chunk)), true),
    );
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const timers = heldTimers();

    expect(startReconciler(100_000, { setTimer: timers.setTimer, pass })).toBe(true);
    expect(timers.waits.map((w) => w.delayMs)).toEqual([100_000]);
    expect(MAX_BACKOFF_MS).toBe(600_000);
    // Three DOKU errors: 200 s, 400 s, then 600 s (the cap) where doubling would give 800 s.
    expect(await timers.fire()).toBe(200_000);
    expect(await timers.fire()).toBe(400_000);
    expect(await timers.fire()).toBe(600_000);
    expect(await outcomes(order.id)).toEqual([
      "generate_order:pending",
      "check_status:error:http",
      "check_status:error:http",
      "check_status:error:http",
    ]);

    // A run that throws is caught, logged, counted as one more failure, and the chain goes on.
    expect(await timers.fire()).toBe(600_000);
    expect(errors.map((line) => JSON.parse(line) as unknown)).toEqual([
      { event: "reconcile", error: "database unavailable" },
    ]);

    // DOKU is back and the shopper had paid: the run pays the order and the wait is the interval again.
    await control(`orders/${attempt.invoiceNumber}/approve`);
    expect(await timers.fire()).toBe(100_000);
    expect((await outcomes(order.id)).at(-1)).toBe("check_status:paid");
    const [paid] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, order.id)),
    );
    expect(paid).toMatchObject({ status: "paid", stockState: "sold" });
  });
});

describe("starting the reconciler", () => {
  it("starts once per process: a second start, or an interval of 0, schedules nothing", async () => {
    const first = heldTimers();
    const second = heldTimers();
    const pass = vi.fn(async () => ({ checked: 0, changed: [], dokuErrors: 0 }));
    expect(startReconciler(0, { setTimer: first.setTimer, pass })).toBe(false);
    expect(first.waits).toHaveLength(0);
    expect(startReconciler(1_000, { setTimer: first.setTimer, pass })).toBe(true);
    expect(startReconciler(1_000, { setTimer: second.setTimer, pass })).toBe(false);
    expect(second.waits).toHaveLength(0);
    expect(await first.fire()).toBe(1_000);
    expect(pass).toHaveBeenCalledTimes(1);
  });
});
