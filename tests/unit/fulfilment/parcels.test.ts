// Parcels on a real database (SQLite or PostgreSQL): opened with the payment, one per seller, the
// digital-only ones delivered; ship, correct, deliver and complete as conditional updates with
// their history, fulfilment and activity entries; the shipped email queued once; bad input and
// repeated or concurrent presses applied once.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, testDialect } from "../../support/app-db";
import { createPendingOrder, type PendingOrder } from "../../support/pending-order";

setTestEnv();
const schema = await import("@/lib/db/schema");
const { applyUpdate } = await import("@/lib/payments/transitions");
const { shipParcel, correctTracking, markParcelDelivered, completeOrder, completeDeliveredOrders } =
  await import("@/lib/fulfilment/staff");
const { shipSchema, shipFieldErrors } = await import("@/lib/fulfilment/ship-schema");
const { cancelPaidOrder } = await import("@/lib/orders/cancel");
const { resendEmail } = await import("@/lib/admin/emails");
const { loadOrderEmail } = await import("@/lib/mail/order-email");
const { renderEmail } = await import("@/lib/mail/render");
const { listOrders, parseOrderFilter } = await import("@/lib/admin/orders");
const { parcels, parcelTrackings, orders, emailOutbox, activityLog } = schema;

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
beforeAll(async () => {
  db = await migratedAndSeeded();
});

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2026-03-02T03:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const by = (id = 9101, name = "Rina") => ({
  staff: { id, email: `s${id}@shop.example`, name, role: "staff" as const },
  clientAddress: "198.51.100.7",
});

async function addLine(f: PendingOrder, slug: string, quantity = 1) {
  await db.run(async (d) => {
    const [p] = await d.select().from(schema.products).where(eq(schema.products.slug, slug));
    await d.insert(schema.orderItems).values({
      orderId: f.orderId,
      kind: "product",
      productId: p!.id,
      sellerId: p!.sellerId,
      name: p!.name,
      sku: p!.sku,
      itemType: p!.category,
      unitPrice: p!.price,
      quantity,
      lineTotal: p!.price * quantity,
    });
  });
}

const pay = (f: PendingOrder, now = T0) =>
  db.transaction((tx) => applyUpdate(tx, { id: f.attemptId, orderId: f.orderId }, "paid", now));

/** A paid order: a batik shirt and the batik class (one seller), headphones (another), an ebook (a third). */
async function paidOrder(lines = ["batik-tulis-parang-shirt", "nada-anc-wireless-headphones"]) {
  const f = await createPendingOrder(db);
  for (const slug of lines) await addLine(f, slug);
  await pay(f);
  return f;
}

const parcelsOf = (orderId: number) =>
  db.run((d) =>
    d.select().from(parcels).where(eq(parcels.orderId, orderId)).orderBy(asc(parcels.id)),
  );
const parcelOf = async (orderId: number, sellerId: string) =>
  (await parcelsOf(orderId)).find((p) => p.sellerId === sellerId)!;
const orderRow = async (orderId: number) =>
  (await db.run((d) => d.select().from(orders).where(eq(orders.id, orderId))))[0]!;
const trackingsOf = (parcelId: number) =>
  db.run((d) =>
    d
      .select()
      .from(parcelTrackings)
      .where(eq(parcelTrackings.parcelId, parcelId))
      .orderBy(asc(parcelTrackings.id)),
  );
const entriesOf = (orderId: number, action: string) =>
  db.run((d) =>
    d
      .select()
      .from(activityLog)
      .where(
        and(
          eq(activityLog.subjectType, "order"),
          eq(activityLog.subjectId, String(orderId)),
          eq(activityLog.action, action as "order.parcel_shipped"),
        ),
      )
      .orderBy(asc(activityLog.id)),
  );
const shippedEmails = (orderId: number) =>
  db.run((d) =>
    d
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, "parcel_shipped")))
      .orderBy(asc(emailOutbox.id)),
  );

/** The ship form as the browser sends it, parsed as the server action parses it. */
const form = (fields: Record<string, string | number>) => {
  const parsed = shipSchema.safeParse(
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
  );
  if (!parsed.success) throw new Error(JSON.stringify(shipFieldErrors(parsed.error)));
  return parsed.data;
};
const ship = (
  p: { id: number; orderId: number },
  courier = "jne",
  trackingNumber = " cgk1234567890 ",
  extra: Record<string, string> = {},
) => form({ orderId: p.orderId, parcelId: p.id, courier, trackingNumber, ...extra });

describe("parcels open with the payment", () => {
  it("one parcel per seller, a digital-only one delivered at once; fulfilment unfulfilled", async () => {
    const f = await paidOrder([
      "batik-tulis-parang-shirt",
      "batik-tulis-online-class",
      "nada-anc-wireless-headphones",
      "home-brewing-guide-ebook",
    ]);
    const found = await parcelsOf(f.orderId);
    expect(found.map((p) => [p.sellerId, p.digital, p.state, p.deliveredAt])).toEqual([
      ["batik-sekar-jagad", false, "awaiting", null],
      ["gadget-kita", false, "awaiting", null],
      ["kopi-lereng-malabar", true, "delivered", T0],
    ]);
    const order = await orderRow(f.orderId);
    expect([order.fulfilment, order.deliveredAt]).toEqual(["unfulfilled", null]);
    // A second SUCCESS for the same attempt opens nothing more.
    await pay(f, at(1));
    expect(await parcelsOf(f.orderId)).toHaveLength(3);
  });

  it("a digital-only order is delivered when paid", async () => {
    const f = await paidOrder(["home-brewing-guide-ebook"]);
    const order = await orderRow(f.orderId);
    expect([order.fulfilment, order.deliveredAt]).toEqual(["delivered", T0]);
  });

  it("an order paid after its units were released gets its parcels too", async () => {
    const f = await createPendingOrder(db);
    await addLine(f, "ketik-75-mechanical-keyboard");
    await db.transaction((tx) =>
      applyUpdate(tx, { id: f.attemptId, orderId: f.orderId }, "expired", T0),
    );
    expect(await parcelsOf(f.orderId)).toEqual([]);
    expect((await orderRow(f.orderId)).fulfilment).toBeNull();
    await pay(f, at(1));
    expect((await parcelsOf(f.orderId)).map((p) => [p.sellerId, p.state])).toEqual([
      ["gadget-kita", "awaiting"],
    ]);
    expect((await orderRow(f.orderId)).fulfilment).toBe("unfulfilled");
  });
});

describe("ship, correct, deliver, complete", () => {
  it("ships a parcel: normalised number, history row, fulfilment, one email, one entry", async () => {
    const f = await paidOrder();
    const batik = await parcelOf(f.orderId, "batik-sekar-jagad");
    expect(await shipParcel(ship(batik), by(), at(1))).toEqual({ ok: true });

    const shipped = await parcelOf(f.orderId, "batik-sekar-jagad");
    expect([shipped.state, shipped.courier, shipped.trackingNumber, shipped.shippedAt]).toEqual([
      "shipped",
      "jne",
      "CGK1234567890",
      at(1),
    ]);
    expect(
      (await trackingsOf(batik.id)).map((t) => [t.trackingNumber, t.recordedByName, t.replacedAt]),
    ).toEqual([["CGK1234567890", "Rina", null]]);
    expect((await orderRow(f.orderId)).fulfilment).toBe("partly_shipped");
    expect((await shippedEmails(f.orderId)).map((e) => [e.parcelId, e.cause])).toEqual([
      [batik.id, `parcel:${batik.id}`],
    ]);
    const [entry] = await entriesOf(f.orderId, "order.parcel_shipped");
    expect(entry!.before).toMatchObject({ parcelId: batik.id, state: "awaiting" });
    expect(entry!.after).toMatchObject({
      parcelId: batik.id,
      state: "shipped",
      courier: "jne",
      trackingNumber: "CGK1234567890",
      fulfilment: "partly_shipped",
    });
    expect([entry!.actorName, entry!.clientAddress]).toEqual(["Rina", "198.51.100.7"]);

    const gadget = await parcelOf(f.orderId, "gadget-kita");
    await shipParcel(ship(gadget, "sicepat", "000123456789"), by(), at(2));
    expect((await orderRow(f.orderId)).fulfilment).toBe("shipped");
  });

  it("the shipped email names seller, items, courier, number and link, in the shopper's language", async () => {
    const f = await paidOrder(["java-preanger-arabica-250g"]);
    const p = await parcelOf(f.orderId, "kopi-lereng-malabar");
    await shipParcel(ship(p, "ninja", "nlidap0012345678"), by(), at(1));
    const [row] = await shippedEmails(f.orderId);
    const shop = { baseUrl: "http://localhost:3000", zone: "Asia/Jakarta" as const };
    const email = await db.run((tx) =>
      loadOrderEmail(
        tx,
        { orderId: f.orderId, kind: "parcel_shipped", parcelId: row!.parcelId },
        shop,
      ),
    );
    const id = await renderEmail(email!);
    expect(id.subject).toContain("sudah dikirim");
    expect(id.text).toContain("NLIDAP0012345678");
    expect(id.text).toContain("Ninja Xpress");
    expect(id.text).toContain("Kopi Lereng Malabar");
    expect(id.text).toContain("Java Preanger");
    expect(id.html).toContain("https://www.ninjaxpress.co/id-id/tracking?id=NLIDAP0012345678");
    const en = await renderEmail({ ...email!, locale: "en" });
    expect(en.subject).toContain("is on its way");
  });

  it("corrects a shipped parcel's number: both kept, the old one replaced; no second email", async () => {
    const f = await paidOrder(["lintas-x5-smartphone"]);
    const p = await parcelOf(f.orderId, "gadget-kita");
    await shipParcel(ship(p, "jnt", "JP1234567890"), by(), at(1));
    expect(await correctTracking(ship(p, "jnt", "JP1234567899"), by(9102, "Dewi"), at(2))).toEqual({
      ok: true,
    });
    expect(
      (await trackingsOf(p.id)).map((t) => [t.trackingNumber, t.recordedByName, t.replacedAt]),
    ).toEqual([
      ["JP1234567890", "Rina", at(2)],
      ["JP1234567899", "Dewi", null],
    ]);
    expect((await parcelOf(f.orderId, "gadget-kita")).trackingNumber).toBe("JP1234567899");
    const [entry] = await entriesOf(f.orderId, "order.tracking_corrected");
    expect([entry!.before, entry!.after]).toEqual([
      { parcelId: p.id, courier: "jnt", trackingNumber: "JP1234567890" },
      { parcelId: p.id, courier: "jnt", trackingNumber: "JP1234567899" },
    ]);
    expect(await shippedEmails(f.orderId)).toHaveLength(1);
    // A staff resend is about the same parcel, and says the corrected number.
    const [original] = await shippedEmails(f.orderId);
    expect(await resendEmail(f.orderId, original!.id, by(), at(3))).toBe(true);
    const emails = await shippedEmails(f.orderId);
    expect(emails.map((e) => [e.parcelId, e.resendOf])).toEqual([
      [p.id, null],
      [p.id, original!.id],
    ]);
    // Correcting a parcel not shipped yet is refused.
    const g = await paidOrder(["lintas-x5-smartphone"]);
    const waiting = await parcelOf(g.orderId, "gadget-kita");
    expect(await correctTracking(ship(waiting), by(), at(2))).toEqual({
      ok: false,
      refused: "notShipped",
    });
  });

  it("delivers, derives delivered with the last delivery, completes by staff once", async () => {
    const f = await paidOrder();
    const [a, b] = await parcelsOf(f.orderId);
    await shipParcel(ship(a!), by(), at(1));
    await shipParcel(ship(b!, "anteraja", "10000123456789"), by(), at(1));
    expect(await completeOrder({ orderId: f.orderId }, by(), at(2))).toEqual({
      ok: false,
      refused: "notDelivered",
    });
    await markParcelDelivered({ orderId: f.orderId, parcelId: a!.id }, by(), at(3));
    expect((await orderRow(f.orderId)).fulfilment).toBe("shipped");
    await markParcelDelivered({ orderId: f.orderId, parcelId: b!.id }, by(), at(4));
    const delivered = await orderRow(f.orderId);
    expect([delivered.fulfilment, delivered.deliveredAt]).toEqual(["delivered", at(4)]);
    expect(await completeOrder({ orderId: f.orderId }, by(), at(5))).toEqual({ ok: true });
    expect(await completeOrder({ orderId: f.orderId }, by(), at(5))).toEqual({ ok: true });
    const completed = await orderRow(f.orderId);
    expect([completed.fulfilment, completed.completedAt]).toEqual(["completed", at(5)]);
    expect(await entriesOf(f.orderId, "order.completed")).toHaveLength(1);
    expect(await entriesOf(f.orderId, "order.parcel_delivered")).toHaveLength(2);
  });

  it("completes delivered orders ORDER_COMPLETE_AFTER_DAYS after the last delivery, once", async () => {
    const f = await paidOrder(["kopi-gula-aren-drip-bags"]);
    const [p] = await parcelsOf(f.orderId);
    await shipParcel(ship(p!, "pos", "P2203010123456"), by(), at(1));
    await markParcelDelivered({ orderId: f.orderId, parcelId: p!.id }, by(), at(2));
    expect(await completeDeliveredOrders(7, at(8.9))).not.toContain(f.orderId);
    expect((await orderRow(f.orderId)).fulfilment).toBe("delivered");
    const [first, second] = await Promise.all([
      completeDeliveredOrders(7, at(9)),
      completeDeliveredOrders(7, at(9)),
    ]);
    expect([...first!, ...second!].filter((id) => id === f.orderId)).toEqual([f.orderId]);
    expect(await completeDeliveredOrders(7, at(10))).not.toContain(f.orderId);
    const [entry] = await entriesOf(f.orderId, "order.completed");
    expect([entry!.actorId, entry!.after]).toEqual([
      null,
      { fulfilment: "completed", via: "automatic", days: 7 },
    ]);
  });
});

describe("the orders list", () => {
  it("filters by fulfilment and finds an order by its tracking number, as typed", async () => {
    const f = await paidOrder(["batik-kawung-tote", "lintas-x4-smartphone"]);
    const [p] = await parcelsOf(f.orderId);
    await shipParcel(ship(p!, "idexpress", "IDS0987654321"), by(), at(1));
    const ids = async (params: Record<string, string>) =>
      (await listOrders(parseOrderFilter(params))).rows.map((r) => r.id);
    expect(await ids({ fulfilment: "partly_shipped" })).toContain(f.orderId);
    expect(await ids({ fulfilment: "unfulfilled" })).not.toContain(f.orderId);
    expect(await ids({ q: "ids0987654321" })).toEqual([f.orderId]);
    const [row] = (await listOrders(parseOrderFilter({ q: "IDS0987654321" }))).rows;
    expect(row!.fulfilment).toBe("partly_shipped");
  });
});

describe("repeated, concurrent and bad input", () => {
  it("the same ship form sent twice is applied once @faults", async () => {
    const f = await paidOrder(["batik-kawung-tote"]);
    const [p] = await parcelsOf(f.orderId);
    expect(await shipParcel(ship(p!), by(), at(1))).toEqual({ ok: true });
    expect(await shipParcel(ship(p!), by(), at(1))).toEqual({ ok: true });
    // A different number on an already shipped parcel is a correction, not a second shipment.
    expect(await shipParcel(ship(p!, "jne", "CGK0000000001"), by(), at(1))).toEqual({
      ok: false,
      refused: "notAwaiting",
    });
    expect(await markParcelDelivered({ orderId: f.orderId, parcelId: p!.id }, by(), at(2))).toEqual(
      { ok: true },
    );
    expect(await markParcelDelivered({ orderId: f.orderId, parcelId: p!.id }, by(), at(2))).toEqual(
      { ok: true },
    );
    expect(await trackingsOf(p!.id)).toHaveLength(1);
    expect(await shippedEmails(f.orderId)).toHaveLength(1);
    expect(await entriesOf(f.orderId, "order.parcel_shipped")).toHaveLength(1);
    expect(await entriesOf(f.orderId, "order.parcel_delivered")).toHaveLength(1);
  });

  it(`two staff shipping the same parcel at once (${testDialect}) ship it once @faults`, async () => {
    for (let round = 0; round < 6; round++) {
      const f = await paidOrder(["batik-truntum-silk-scarf"]);
      const [p] = await parcelsOf(f.orderId);
      const results = await Promise.all([
        shipParcel(ship(p!, "jne", "CGK1111111111"), by(9101, "Rina"), at(1)),
        shipParcel(ship(p!, "sicepat", "000222222222"), by(9102, "Dewi"), at(1)),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refused: "notAwaiting" }]);
      expect(await trackingsOf(p!.id)).toHaveLength(1);
      expect(await shippedEmails(f.orderId)).toHaveLength(1);
      expect(await entriesOf(f.orderId, "order.parcel_shipped")).toHaveLength(1);
    }
  });

  it(`two staff shipping, then delivering, two parcels of one order at once (${testDialect}) leave the right fulfilment @faults`, async () => {
    for (let round = 0; round < 6; round++) {
      const f = await paidOrder();
      const [a, b] = await parcelsOf(f.orderId);
      const shipped = await Promise.all([
        shipParcel(ship(a!, "jne", "CGK1111111111"), by(9101, "Rina"), at(1)),
        shipParcel(ship(b!, "sicepat", "000222222222"), by(9102, "Dewi"), at(1)),
      ]);
      expect(shipped).toEqual([{ ok: true }, { ok: true }]);
      expect((await orderRow(f.orderId)).fulfilment).toBe("shipped");
      // Each entry says what its own change made of the order: the second saw the first.
      const shipEntries = await entriesOf(f.orderId, "order.parcel_shipped");
      expect(shipEntries.map((e) => (e.after as { fulfilment: string }).fulfilment).sort()).toEqual(
        ["partly_shipped", "shipped"],
      );
      const delivered = await Promise.all([
        markParcelDelivered({ orderId: f.orderId, parcelId: a!.id }, by(9101, "Rina"), at(2)),
        markParcelDelivered({ orderId: f.orderId, parcelId: b!.id }, by(9102, "Dewi"), at(3)),
      ]);
      expect(delivered).toEqual([{ ok: true }, { ok: true }]);
      const order = await orderRow(f.orderId);
      expect([order.fulfilment, order.deliveredAt]).toEqual(["delivered", at(3)]);
    }
  });

  it(`a parcel shipped while an owner cancels its order (${testDialect}): one of them wins, no deadlock @faults`, async () => {
    const owner = { staff: { ...by(9201, "Bu Sari").staff, role: "owner" as const } };
    for (let round = 0; round < 6; round++) {
      const f = await paidOrder(["batik-kawung-tote"]);
      const [p] = await parcelsOf(f.orderId);
      const [shipped, cancelled] = await Promise.all([
        shipParcel(ship(p!), by(), at(1)),
        cancelPaidOrder(f.orderId, "the seller ran out", { ...owner, clientAddress: null }, at(1)),
      ]);
      const order = await orderRow(f.orderId);
      const parcel = await parcelOf(f.orderId, p!.sellerId);
      if (shipped.ok) {
        expect(cancelled).toEqual({ ok: false, errors: { form: "shipped" } });
        expect([parcel.state, order.fulfilment, order.cancelledAt]).toEqual([
          "shipped",
          "shipped",
          null,
        ]);
      } else {
        expect(shipped).toEqual({ ok: false, refused: "parcelCancelled" });
        expect(cancelled).toEqual({ ok: true, done: "cancelledAndRefund" });
        expect([parcel.state, order.fulfilment]).toEqual(["cancelled", "cancelled"]);
      }
    }
  });

  it("a tracking number of 10 kB is refused with its own message, and nothing is written @faults", async () => {
    const f = await paidOrder(["batik-kawung-tote"]);
    const [p] = await parcelsOf(f.orderId);
    const parsed = shipSchema.safeParse({
      orderId: String(f.orderId),
      parcelId: String(p!.id),
      courier: "jne",
      trackingNumber: "9".repeat(10_000),
    });
    expect(parsed.success).toBe(false);
    expect(shipFieldErrors(parsed.error!)).toEqual({ trackingNumber: "trackingNumber.tooLong" });
    // Past the form, the database refuses it too (parcels.tracking_number ≤ 64).
    await expect(
      db.run((d) =>
        d
          .update(parcels)
          .set({ trackingNumber: "9".repeat(10_000) })
          .where(eq(parcels.id, p!.id)),
      ),
    ).rejects.toThrow();
    expect((await parcelOf(f.orderId, p!.sellerId)).trackingNumber).toBeNull();
  });

  it("shipping an unpaid or cancelled order, or a cancelled parcel, is refused @faults", async () => {
    // A parcel on an order that is not paid can only come from a hand-made row or a later change.
    const pending = await createPendingOrder(db);
    const [stray] = await db.run((d) =>
      d.insert(parcels).values({ orderId: pending.orderId, sellerId: "gadget-kita" }).returning(),
    );
    expect(await shipParcel(ship(stray!), by(), at(1))).toEqual({
      ok: false,
      refused: "orderNotPaid",
    });
    await db.run((d) =>
      d.update(orders).set({ status: "cancelled" }).where(eq(orders.id, pending.orderId)),
    );
    expect(await shipParcel(ship(stray!), by(), at(1))).toEqual({
      ok: false,
      refused: "orderCancelled",
    });
    const f = await paidOrder(["batik-kawung-tote"]);
    const [p] = await parcelsOf(f.orderId);
    await db.run((d) => d.update(parcels).set({ state: "cancelled" }).where(eq(parcels.id, p!.id)));
    expect(await shipParcel(ship(p!), by(), at(1))).toEqual({
      ok: false,
      refused: "parcelCancelled",
    });
    // Another order's parcel, named through this order, is not found.
    const other = await paidOrder(["batik-kawung-tote"]);
    const [theirs] = await parcelsOf(other.orderId);
    expect(await shipParcel(ship({ ...theirs!, orderId: f.orderId }), by(), at(1))).toEqual({
      ok: false,
      refused: "notFound",
    });
    expect(await trackingsOf(stray!.id)).toEqual([]);
    expect(await trackingsOf(p!.id)).toEqual([]);
    expect(await trackingsOf(theirs!.id)).toEqual([]);
    expect((await parcelOf(other.orderId, theirs!.sellerId)).state).toBe("awaiting");
  });
});
