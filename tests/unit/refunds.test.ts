// Cancelling and refunding on a real database (both dialects): staff cancel an unpaid order (its
// units back, a late SUCCESS pays it and is flagged), owners cancel an unshipped paid order (its
// parcels cancelled, a full refund requested) and never a shipped one; refunds recorded within
// what is refundable, completed by DOKU's REFUNDED or an owner's confirmation, partial ones
// keeping the order paid with a net; restock once; a double submit once; two owners at once on
// PostgreSQL never over the paid amount; staff calling the owners' actions: 403, nothing written.
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../support/app-db";
import { signedNotification } from "../support/signed-notification";

const session = vi.hoisted(() => ({ userId: null as number | null }));
vi.mock("@/lib/auth/config", () => ({
  SIGN_IN_PATH: "/admin/sign-in",
  auth: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

setTestEnv({ __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true", TRUSTED_PROXY_HOPS: "1" });
const schema = await import("@/lib/db/schema");
const { receiveNotification } = await import("@/lib/payments/notifications");
const { cancelUnpaidOrder, cancelPaidOrder } = await import("@/lib/orders/cancel");
const { requestRefund, confirmRefund } = await import("@/lib/refunds/requests");
const { parseRefundForm } = await import("@/lib/refunds/refund-schema");
const { newAttemptRefs } = await import("@/lib/payments/attempts");
const adminOrders = await import("@/lib/admin/orders");
const { hasShippedParcel } = await import("@/lib/refunds/refundable");
const refundActions = await import("@/app/[locale]/admin/(office)/orders/[id]/refund-actions");

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterEach(() => {
  session.userId = null;
});

type Role = "owner" | "staff";
let serial = 0;
async function person(role: Role) {
  const name = `${role} ${++serial}`;
  const [row] = await db.run((d) =>
    d
      .insert(schema.users)
      .values({
        email: `${role}-${serial}-${randomUUID()}@toko.example`,
        name,
        role,
        passwordHash: "x",
      })
      .returning({ id: schema.users.id }),
  );
  return { id: row!.id, name, role };
}
const by = (staff: { id: number; name: string; role: Role }) => ({
  staff: { ...staff, email: "", sessionVersion: 1 } as never,
  clientAddress: "203.0.113.9",
});

/** A 403 from Next's forbidden(): what the browser gets for a staff session replaying an action. */
const FORBIDDEN = expect.objectContaining({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });

const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!;
const product = (slug: string) =>
  one(db.run((d) => d.select().from(schema.products).where(eq(schema.products.slug, slug))));
const orderRow = (id: number) =>
  one(db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, id))));
const refundsOf = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, orderId))
      .orderBy(asc(schema.refunds.id)),
  );
const outboxOf = (orderId: number) =>
  db.run((d) => d.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.orderId, orderId)));
const activityOf = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(schema.activityLog)
      .where(
        and(
          eq(schema.activityLog.subjectType, "order"),
          eq(schema.activityLog.subjectId, String(orderId)),
        ),
      ),
  );

/**
 * An order of 2 shirts (150,000 each), 1 tote (95,000) and a 20,000 shipping line, its units
 * reserved (taken from stock as checkout does), with one pending attempt.
 */
async function placedOrder() {
  const shirt = await product("batik-tulis-parang-shirt");
  const tote = await product("batik-kawung-tote");
  const lines = [
    { p: shirt, unitPrice: 150_000, quantity: 2 },
    { p: tote, unitPrice: 95_000, quantity: 1 },
  ];
  const subtotal = 395_000;
  const shipping = 20_000;
  return db.transaction(async (tx) => {
    const address = {
      firstName: "Siti",
      address: "Jl. A",
      city: "Yogyakarta",
      postalCode: "55271",
      phone: "6281234567890",
      countryCode: "IDN" as const,
    };
    const [order] = await tx
      .insert(schema.orders)
      .values({
        publicToken: randomUUID().replace(/-/g, ""),
        checkoutKey: randomUUID(),
        customerFirstName: "Siti",
        customerEmail: "siti@example.com",
        customerPhone: "6281234567890",
        shippingAddress: address,
        billingAddress: address,
        subtotal,
        shippingTotal: shipping,
        total: subtotal + shipping,
      })
      .returning();
    const items = [];
    for (const l of lines) {
      const [item] = await tx
        .insert(schema.orderItems)
        .values({
          orderId: order!.id,
          kind: "product",
          productId: l.p.id,
          sellerId: l.p.sellerId,
          name: l.p.name,
          sku: l.p.sku,
          itemType: "physical",
          unitPrice: l.unitPrice,
          quantity: l.quantity,
          lineTotal: l.unitPrice * l.quantity,
        })
        .returning();
      items.push(item!);
      await tx
        .update(schema.products)
        .set({ stock: l.p.stock - l.quantity })
        .where(eq(schema.products.id, l.p.id));
    }
    const [ship] = await tx
      .insert(schema.orderItems)
      .values({
        orderId: order!.id,
        kind: "shipping",
        sellerId: shirt.sellerId,
        name: "Shipping",
        sku: "shippingfee",
        itemType: "shipping",
        unitPrice: shipping,
        quantity: 1,
        lineTotal: shipping,
      })
      .returning();
    items.push(ship!);
    const refs = newAttemptRefs();
    const [attempt] = await tx
      .insert(schema.paymentAttempts)
      .values({ orderId: order!.id, amount: order!.total, status: "pending", ...refs })
      .returning();
    return { order: order!, items, attempt: attempt!, shirt, tote };
  });
}

async function notify(attempt: { invoiceNumber: string; amount: number }, status: string) {
  const n = signedNotification({ invoice: attempt.invoiceNumber, amount: attempt.amount }, status);
  return receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
}

async function paidOrder() {
  const placed = await placedOrder();
  expect((await notify(placed.attempt, "SUCCESS")).body.outcome).toBe("paid");
  return placed;
}

const refundForm = (
  orderId: number,
  fields: Record<string, string>,
  seen = 0,
): Parameters<typeof requestRefund>[0] => {
  const parsed = parseRefundForm({ orderId: String(orderId), seen: String(seen), ...fields });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.form;
};

describe("staff cancel an unpaid order", () => {
  it("closes its attempt, cancels it, gives its units back, then a late SUCCESS pays it, flagged", async () => {
    const staff = await person("staff");
    const { order, attempt, shirt } = await placedOrder();
    const before = (await product(shirt.slug)).stock;
    const result = await cancelUnpaidOrder(order.id, "shopper asked by phone", by(staff));
    expect(result).toEqual({ ok: true, done: "cancelled" });
    const cancelled = await orderRow(order.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(cancelled.stockState).toBe("released");
    expect((await product(shirt.slug)).stock).toBe(before + 2);
    const events = await db.run((d) =>
      d.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.orderId, order.id)),
    );
    expect(events.find((e) => e.kind === "staff_cancel")?.effect).toBe("cancelled");
    expect((await outboxOf(order.id)).map((r) => r.kind)).toEqual(["order_cancelled"]);
    expect((await activityOf(order.id)).map((a) => a.action)).toEqual(["order.cancelled"]);
    // Twice: nothing more.
    expect((await cancelUnpaidOrder(order.id, "again", by(staff))).ok).toBe(false);
    expect(await outboxOf(order.id)).toHaveLength(1);

    const late = await notify(attempt, "SUCCESS");
    expect(late.body.outcome).toBe("paid:after_cancel");
    const paid = await orderRow(order.id);
    expect(paid.status).toBe("paid");
    expect(paid.stockState).toBe("sold");
    expect((await product(shirt.slug)).stock).toBe(before);
    const flagged = await db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(
          and(eq(schema.paymentEvents.orderId, order.id), eq(schema.paymentEvents.flagged, true)),
        ),
    );
    expect(flagged.map((e) => e.outcome)).toEqual(["paid:after_cancel"]);
    // Paid like any other: no longer cancelled (the flagged event keeps that), so the owner may
    // cancel it and refund it in full as for any paid order.
    expect(paid.cancelledAt).toBeNull();
    const owner = await person("owner");
    expect(await cancelPaidOrder(order.id, "paid after we cancelled", by(owner))).toEqual({
      ok: true,
      done: "cancelledAndRefund",
    });
    expect(await refundsOf(order.id)).toEqual([
      expect.objectContaining({ state: "requested", amount: 415_000, full: true }),
    ]);
  });

  it("refuses a paid order: owners cancel those @faults", async () => {
    const staff = await person("staff");
    const { order } = await paidOrder();
    expect(await cancelUnpaidOrder(order.id, "no", by(staff))).toEqual({
      ok: false,
      errors: { form: "paidNeedsOwner" },
    });
    expect((await orderRow(order.id)).status).toBe("paid");
  });
});

describe("owners cancel a paid order", () => {
  /** The order's parcel of a seller, opened when it was paid, put in the state the test needs. */
  async function withParcel(orderId: number, sellerId: string, state: "awaiting" | "shipped") {
    const moved = await db.run((d) =>
      d
        .update(schema.parcels)
        .set({
          state,
          ...(state === "shipped"
            ? { courier: "jne", trackingNumber: "JNE123", shippedAt: new Date() }
            : {}),
        })
        .where(and(eq(schema.parcels.orderId, orderId), eq(schema.parcels.sellerId, sellerId)))
        .returning({ id: schema.parcels.id }),
    );
    expect(moved).toHaveLength(1);
  }

  it("cancels its awaiting parcels and requests a full refund, with the units back on sale", async () => {
    const owner = await person("owner");
    const { order, shirt } = await paidOrder();
    await withParcel(order.id, shirt.sellerId!, "awaiting");
    const stock = (await product(shirt.slug)).stock;
    const result = await cancelPaidOrder(order.id, "out of stock at the seller", by(owner));
    expect(result).toEqual({ ok: true, done: "cancelledAndRefund" });
    const row = await orderRow(order.id);
    expect(row.status).toBe("paid");
    expect(row.fulfilment).toBe("cancelled");
    expect(row.cancelledAt).not.toBeNull();
    const parcels = await db.run((d) =>
      d.select().from(schema.parcels).where(eq(schema.parcels.orderId, order.id)),
    );
    expect(parcels.map((p) => p.state)).toEqual(["cancelled"]);
    const [refund] = await refundsOf(order.id);
    expect(refund).toMatchObject({
      state: "requested",
      amount: 415_000,
      full: true,
      restock: true,
    });
    expect((await product(shirt.slug)).stock).toBe(stock + 2);
    // One email about it: the cancellation's, which states the refund from its row.
    const outbox = await outboxOf(order.id);
    expect(outbox.map((r) => r.kind).sort()).toEqual(["order_cancelled", "order_confirmation"]);
    expect(outbox.find((r) => r.kind === "order_cancelled")?.refundId).toBe(refund!.id);
    // Pressed twice: once.
    expect(await cancelPaidOrder(order.id, "again", by(owner))).toEqual({
      ok: false,
      errors: { form: "alreadyCancelled" },
    });
    expect(await refundsOf(order.id)).toHaveLength(1);
  });

  it("cancels an order whose digital parcel was delivered at payment; that parcel stays delivered", async () => {
    const owner = await person("owner");
    const { order, shirt } = await paidOrder();
    // A digital-only seller's parcel, delivered when the order was paid (lib/fulfilment/parcels.ts).
    const [digital] = await db.run((d) =>
      d
        .insert(schema.parcels)
        .values({
          orderId: order.id,
          sellerId: "kopi-lereng-malabar",
          digital: true,
          state: "delivered",
          deliveredAt: new Date(),
        })
        .returning({ id: schema.parcels.id }),
    );
    expect(await cancelPaidOrder(order.id, "seller closed", by(owner))).toEqual({
      ok: true,
      done: "cancelledAndRefund",
    });
    const parcels = await db.run((d) =>
      d.select().from(schema.parcels).where(eq(schema.parcels.orderId, order.id)),
    );
    expect(parcels.find((p) => p.id === digital!.id)?.state).toBe("delivered");
    expect(parcels.find((p) => p.sellerId === shirt.sellerId)?.state).toBe("cancelled");
    expect(hasShippedParcel(parcels)).toBe(false);
    expect(hasShippedParcel([...parcels, { digital: false, state: "shipped" as const }])).toBe(
      true,
    );
  });

  it("refuses when a parcel has shipped, and changes nothing @faults", async () => {
    const owner = await person("owner");
    const { order, shirt, tote } = await paidOrder();
    await withParcel(order.id, shirt.sellerId!, "shipped");
    if (tote.sellerId !== shirt.sellerId) await withParcel(order.id, tote.sellerId!, "awaiting");
    expect(await cancelPaidOrder(order.id, "too late", by(owner))).toEqual({
      ok: false,
      errors: { form: "shipped" },
    });
    const row = await orderRow(order.id);
    expect(row.fulfilment).toBe("unfulfilled");
    expect(row.cancelledAt).toBeNull();
    const parcels = await db.run((d) =>
      d.select().from(schema.parcels).where(eq(schema.parcels.orderId, order.id)),
    );
    expect(parcels.every((p) => p.state !== "cancelled")).toBe(true);
    expect(await refundsOf(order.id)).toHaveLength(0);
  });
});

describe("refunds", () => {
  it("partial: stays paid with a net, DOKU's REFUNDED completes it with the event, emails once", async () => {
    const owner = await person("owner");
    const { order, attempt, items } = await paidOrder();
    const shirtLine = items[0]!;
    const recorded = await requestRefund(
      refundForm(order.id, {
        mode: "partial",
        [`qty-${shirtLine.id}`]: "1",
        adjustment: "-10.000",
        reason: "torn seam",
      }),
      by(owner),
    );
    expect(recorded).toMatchObject({
      ok: true,
      amount: 140_000,
      invoiceNumber: attempt.invoiceNumber,
    });
    expect((await activityOf(order.id)).map((a) => a.action)).toContain("order.refund_requested");

    const filter = adminOrders.parseOrderFilter({});
    const chartBefore = await adminOrders.dailyPaid(filter);
    const revenueBefore = chartBefore.totalRevenue;
    const paidBefore = (await adminOrders.statusTotals(filter)).byStatus.find(
      (t) => t.status === "paid",
    )!;
    const reported = await notify(attempt, "REFUNDED");
    expect(reported.body.outcome).toBe("refunded:partial");
    // The back office's revenue is net of it; the paid card counts it as refunded.
    const chartAfter = await adminOrders.dailyPaid(filter);
    expect(chartAfter.totalRevenue).toBe(revenueBefore - 140_000);
    expect(chartAfter.totalRefunded).toBe(chartBefore.totalRefunded + 140_000);
    expect(chartAfter.totalPaid).toBe(chartBefore.totalPaid);
    const paidAfter = (await adminOrders.statusTotals(filter)).byStatus.find(
      (t) => t.status === "paid",
    )!;
    expect(paidAfter.refunded - paidBefore.refunded).toBe(140_000);
    const [refund] = await refundsOf(order.id);
    expect(refund).toMatchObject({ state: "completed", completedVia: "notification" });
    expect(refund!.eventId).not.toBeNull();
    const row = await orderRow(order.id);
    expect(row.status).toBe("paid");
    expect(row.refundedTotal).toBe(140_000);
    // The same notification again changes nothing.
    await notify(attempt, "REFUNDED");
    const kinds = (await outboxOf(order.id)).map((r) => r.kind).sort();
    expect(kinds).toEqual(["order_confirmation", "refund_completed", "refund_requested"]);
  });

  it("full: the owner confirms with DOKU's reference, the order becomes refunded", async () => {
    const owner = await person("owner");
    const { order } = await paidOrder();
    const recorded = await requestRefund(
      refundForm(order.id, { mode: "full", reason: "changed mind" }),
      by(owner),
    );
    expect(recorded).toMatchObject({ ok: true, amount: 415_000 });
    if (!recorded.ok) return;
    expect(await confirmRefund(order.id, recorded.refundId, "DOKU-RF-778", by(owner))).toEqual({
      ok: true,
      orderRefunded: true,
    });
    expect(await confirmRefund(order.id, recorded.refundId, "DOKU-RF-778", by(owner))).toEqual({
      ok: false,
      errors: { form: "alreadyDone" },
    });
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "refunded", refundedTotal: 415_000 });
    const [refund] = await refundsOf(order.id);
    expect(refund).toMatchObject({
      state: "completed",
      completedVia: "owner",
      providerReference: "DOKU-RF-778",
    });
  });

  it("REFUNDED with nothing requested records DOKU's refund of the remainder and today's notice", async () => {
    const { order, attempt } = await paidOrder();
    expect((await notify(attempt, "REFUNDED")).body.outcome).toBe("refunded");
    const [refund] = await refundsOf(order.id);
    expect(refund).toMatchObject({
      state: "completed",
      amount: 415_000,
      reason: "reported by DOKU",
      completedVia: "notification",
    });
    // Refunded in full: its parcel still awaiting has nothing left to ship.
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", fulfilment: "cancelled" });
    const parcels = await db.run((d) =>
      d.select().from(schema.parcels).where(eq(schema.parcels.orderId, order.id)),
    );
    expect(parcels.map((p) => p.state)).toEqual(["cancelled"]);
    expect((await outboxOf(order.id)).map((r) => r.kind).sort()).toEqual([
      "order_confirmation",
      "payment_refunded",
    ]);
  });

  it("REFUNDED after the owner confirmed a partial refund records nothing more and is flagged @faults", async () => {
    const owner = await person("owner");
    const { order, attempt, items } = await paidOrder();
    const recorded = await requestRefund(
      refundForm(order.id, { mode: "partial", [`qty-${items[0]!.id}`]: "1", reason: "torn" }),
      by(owner),
    );
    if (!recorded.ok) throw new Error("not recorded");
    expect(await confirmRefund(order.id, recorded.refundId, "DOKU-RF-1", by(owner))).toEqual({
      ok: true,
      orderRefunded: false,
    });
    const reported = await notify(attempt, "REFUNDED");
    expect(reported.body.outcome).toBe("refunded:already_recorded");
    expect(await refundsOf(order.id)).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", refundedTotal: 150_000 });
    const events = await db.run((d) =>
      d.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.orderId, order.id)),
    );
    const event = events.find((e) => e.outcome === "refunded:already_recorded");
    expect(event?.flagged).toBe(true);
    expect(event?.effect).toBeNull();
    expect((await outboxOf(order.id)).map((r) => r.kind)).not.toContain("payment_refunded");
  });

  it("a refund of every product unit of an awaiting parcel cancels it; fewer units leave it", async () => {
    const owner = await person("owner");
    const { order, items } = await paidOrder();
    const [shirts, tote] = items;
    const parcelStates = async () =>
      (
        await db.run((d) =>
          d.select().from(schema.parcels).where(eq(schema.parcels.orderId, order.id)),
        )
      ).map((p) => p.state);
    expect(
      await requestRefund(
        refundForm(order.id, { mode: "partial", [`qty-${shirts!.id}`]: "2", reason: "no stock" }),
        by(owner),
      ),
    ).toMatchObject({ ok: true });
    expect(await parcelStates()).toEqual(["awaiting"]);
    expect((await orderRow(order.id)).fulfilment).toBe("unfulfilled");
    expect(
      await requestRefund(
        refundForm(order.id, { mode: "partial", [`qty-${tote!.id}`]: "1", reason: "no stock" }, 1),
        by(owner),
      ),
    ).toMatchObject({ ok: true });
    expect(await parcelStates()).toEqual(["cancelled"]);
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", fulfilment: "cancelled" });
  });

  it("refuses more than is refundable, and lines beyond what is left @faults", async () => {
    const owner = await person("owner");
    const { order, items } = await paidOrder();
    const over = await requestRefund(
      refundForm(order.id, {
        mode: "partial",
        [`qty-${items[0]!.id}`]: "2",
        adjustment: "400000",
        reason: "x",
      }),
      by(owner),
    );
    expect(over).toEqual({ ok: false, errors: { amount: "amount.overRefundable" } });
    const tooMany = await requestRefund(
      refundForm(order.id, { mode: "partial", [`qty-${items[0]!.id}`]: "3", reason: "x" }),
      by(owner),
    );
    expect(tooMany).toEqual({ ok: false, errors: { [`qty-${items[0]!.id}`]: "quantity.tooMany" } });
    expect(await refundsOf(order.id)).toHaveLength(0);
    expect(
      (await activityOf(order.id)).filter((a) => a.action === "order.refund_requested"),
    ).toHaveLength(0);
  });

  it("puts the units back on sale once, and a double submit records one refund @faults", async () => {
    const owner = await person("owner");
    const { order, items, tote } = await paidOrder();
    const stock = (await product(tote.slug)).stock;
    const form = refundForm(order.id, {
      mode: "partial",
      [`qty-${items[1]!.id}`]: "1",
      reason: "faded",
      restock: "on",
    });
    const [a, b] = await Promise.all([
      requestRefund(form, by(owner)),
      requestRefund(form, by(owner)),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, errors: { form: "stale" } });
    expect(await refundsOf(order.id)).toHaveLength(1);
    expect((await product(tote.slug)).stock).toBe(stock + 1);
    expect((await outboxOf(order.id)).filter((r) => r.kind === "refund_requested")).toHaveLength(1);
  });

  it("two owners refunding at once never refund more than was paid @faults", async () => {
    const [first, second] = [await person("owner"), await person("owner")];
    const { order } = await paidOrder();
    // Six asks for 300,000 of 415,000, without the form's count (as two owners on two pages
    // that each saw none): only the order's lock stands between them and refunding 1,800,000.
    const { seen: _seen, ...ask } = refundForm(order.id, {
      mode: "partial",
      adjustment: "300000",
      reason: "x",
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => requestRefund(ask as never, by(i % 2 ? first : second))),
    );
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.errors)).toEqual(
      Array.from({ length: 5 }, () => ({ amount: "amount.overRefundable" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rows = await refundsOf(order.id);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(415_000);
    expect(rows).toHaveLength(1);
  });

  it("staff calling the owners' actions get 403 and nothing is written @faults", async () => {
    const staff = await person("staff");
    const { order, items } = await paidOrder();
    session.userId = staff.id;
    const form = new FormData();
    form.set("orderId", String(order.id));
    form.set("seen", "0");
    form.set("mode", "partial");
    form.set(`qty-${items[0]!.id}`, "1");
    form.set("reason", "x");
    await expect(refundActions.requestRefundAction(form)).rejects.toEqual(FORBIDDEN);
    await expect(refundActions.cancelPaidAction(form)).rejects.toEqual(FORBIDDEN);
    const confirm = new FormData();
    confirm.set("orderId", String(order.id));
    confirm.set("refundId", "1");
    confirm.set("reference", "X");
    await expect(refundActions.confirmRefundAction(confirm)).rejects.toEqual(FORBIDDEN);
    expect(await refundsOf(order.id)).toHaveLength(0);
    expect((await orderRow(order.id)).cancelledAt).toBeNull();
    const refused = await db.run((d) =>
      d
        .select()
        .from(schema.activityLog)
        .where(
          and(
            eq(schema.activityLog.action, "access.refused"),
            eq(schema.activityLog.actorId, staff.id),
          ),
        ),
    );
    expect(refused.map((r) => (r.after as { action: string }).action).sort()).toEqual([
      "order.cancelled",
      "order.refund_confirmed",
      "order.refund_requested",
    ]);
  });
});
