// The shopper's return from Kredivo never hangs on DOKU (lib/orders/shopper-return.ts), on both databases, with the
// app's default DOKU timeout (15 s), so that the return's own 2 s bound is what gives up.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";
import { checkoutDetails as details } from "../../support/orders";

setTestEnv();
const sandbox = await startAppSandbox();
const { control } = sandbox;
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { checkOnReturn, RETURN_WAIT_MS } = await import("@/lib/orders/shopper-return");
const { addToCart } = await import("@/lib/cart/cart");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());

const attemptsOf = (orderId: number) =>
  db.run((d) =>
    d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.orderId, orderId)),
  );
const eventsOf = (orderId: number) =>
  db.run((d) =>
    d.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.orderId, orderId)),
  );
const orderWhere = (where: ReturnType<typeof eq>) =>
  db.run(async (d) => (await d.select().from(schema.orders).where(where))[0]!);
async function cartWith(slug: string) {
  const [product] = await db.run((d) =>
    d.select().from(schema.products).where(eq(schema.products.slug, slug)),
  );
  return addToCart(null, product!.id, 1);
}

describe("the shopper's return", () => {
  it("never keeps the shopper waiting: too early, DOKU is not asked; a slow DOKU is waited for 2 s at most @faults", async () => {
    const cartId = await cartWith("batik-kawung-tote");
    await placeOrder(details, cartId, issueCheckoutKey(cartId));
    const order = await orderWhere(eq(schema.orders.cartId, cartId));
    const [attempt] = await attemptsOf(order.id);
    expect(await checkOnReturn(order.publicToken)).toBe("too_early");
    expect((await eventsOf(order.id)).filter((e) => e.kind === "check_status")).toHaveLength(0);

    await control("faults", { target: "check-status", kind: "timeout", ms: 4_000, times: 1 });
    const later = new Date(Date.now() + 61_000);
    // Fake timers drive both the return's wait and the sandbox's hold (same process), so the test
    // moves time itself: no wall clock decides the outcome.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let answered: string | null = null;
      const returning = checkOnReturn(order.publicToken, later).then((r) => (answered = r));
      // DOKU has the request and holds its answer: the return is now waiting. (vi.waitFor would
      // move the fake clock while it polls, so the wait yields to I/O instead.)
      while (!sandbox.state.checkStatusCalls.get(attempt!.invoiceNumber))
        await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(RETURN_WAIT_MS - 1);
      expect(answered).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(await returning).toBe("still_asking");
      expect((await eventsOf(order.id)).filter((e) => e.kind === "check_status")).toHaveLength(0);
      // DOKU answers once its 4 s hold is over.
      await vi.advanceTimersByTimeAsync(4_000 - RETURN_WAIT_MS);
    } finally {
      vi.useRealTimers();
    }
    // The slow answer still lands in the audit log when it comes, and changes nothing (PENDING).
    await expect
      .poll(
        async () =>
          (await eventsOf(order.id)).filter((e) => e.kind === "check_status").map((e) => e.outcome),
        { timeout: 10_000 },
      )
      .toEqual(["no_change:pending"]);
    expect((await attemptsOf(order.id)).map((a) => a.status)).toEqual(["pending"]);
    expect((await orderWhere(eq(schema.orders.id, order.id))).status).toBe("pending");
    await control(`orders/${attempt!.invoiceNumber}/approve`);
    // Past the 10 s between two checks of one attempt.
    await db.run((d) =>
      d
        .update(schema.paymentAttempts)
        .set({ lastCheckedAt: new Date(Date.now() - 11_000) })
        .where(eq(schema.paymentAttempts.id, attempt!.id)),
    );
    expect(await checkOnReturn(order.publicToken, new Date(Date.now() + 72_000))).toBe("answered");
    expect((await orderWhere(eq(schema.orders.id, order.id))).status).toBe("paid");
  });
});
