// What staff do to a paid order's parcels from the back office: ship one (courier and tracking
// number), correct its tracking number, mark it delivered, and mark the order completed. Each is
// one transaction that locks the order row first (lib/orders/lock.ts: order, then parcels, as
// every order change), then holds a conditional UPDATE (`WHERE state = …`), the parcel_trackings
// history, the order's fulfilment derived again, and the activity entry with before and after: a
// double submit or two instances pressing the same button apply it once. Repeating what is
// already so (the same number shipped twice) is answered ok and writes nothing.
import "server-only";
import { and, eq, exists, getTableName, isNull, lte, sql } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import type { ActedBy } from "@/lib/admin/admin-action";
import { transaction, type Tx } from "@/lib/db/client";
import { orders, parcels, parcelTrackings } from "@/lib/db/schema";
import { lockOrder } from "@/lib/orders/lock";
import { queueShippedEmail, refreshFulfilment } from "./parcels";
import type { ParcelActionResult, ParcelRefusal, ShipInput } from "./ship-schema";

const refused = (why: ParcelRefusal): ParcelActionResult => ({ ok: false, refused: why });
const OK: ParcelActionResult = { ok: true };

/**
 * The order locked first (lib/orders/lock.ts), then its parcel: every change to an order's
 * parcels locks order then parcels, as the owner's cancel does, so the two never deadlock; and two
 * staff moving two parcels of one order take turns, the second deriving the fulfilment from what
 * the first committed.
 */
async function lockedParcel(tx: Tx, orderId: number, parcelId: number) {
  const order = await lockOrder(tx, orderId);
  if (!order) return undefined;
  const [row] = await tx
    .select({
      id: parcels.id,
      orderId: parcels.orderId,
      sellerId: parcels.sellerId,
      digital: parcels.digital,
      state: parcels.state,
      courier: parcels.courier,
      trackingNumber: parcels.trackingNumber,
      trackingUrl: parcels.trackingUrl,
    })
    .from(parcels)
    .where(and(eq(parcels.id, parcelId), eq(parcels.orderId, orderId)));
  return row && { ...row, orderStatus: order.status, fulfilment: order.fulfilment };
}

/** Why the order refuses parcel work: only a paid order's parcels move. */
function orderRefusal(status: string): ParcelRefusal | null {
  if (status === "paid") return null;
  return status === "cancelled" ? "orderCancelled" : "orderNotPaid";
}

/** The parcel, locked with its order, or why it may not be worked on. */
async function workableParcel(tx: Tx, orderId: number, parcelId: number) {
  const parcel = await lockedParcel(tx, orderId, parcelId);
  if (!parcel) return "notFound" satisfies ParcelRefusal;
  return orderRefusal(parcel.orderStatus) ?? parcel;
}

// The updated parcel's order id, qualified: drizzle leaves column names bare in a single-table
// UPDATE, and inside the subquery a bare name could mean the orders table's column.
const PARCEL_ORDER_ID = sql.raw(`"${getTableName(parcels)}"."${parcels.orderId.name}"`);

// Inside the UPDATE itself, so a cancellation committed meanwhile is seen by the statement.
const orderIsPaid = (tx: Tx) =>
  exists(
    tx
      .select({ one: sql`1` })
      .from(orders)
      .where(and(sql`${orders.id} = ${PARCEL_ORDER_ID}`, eq(orders.status, "paid"))),
  );

const sameTracking = (
  row: { courier: string | null; trackingNumber: string | null; trackingUrl: string | null },
  input: ShipInput,
) =>
  row.courier === input.courier &&
  row.trackingNumber === input.trackingNumber &&
  (row.trackingUrl ?? null) === input.trackingUrl;

export async function shipParcel(
  input: ShipInput,
  by: ActedBy,
  now = new Date(),
): Promise<ParcelActionResult> {
  return transaction(async (tx) => {
    const parcel = await workableParcel(tx, input.orderId, input.parcelId);
    if (typeof parcel === "string") return refused(parcel);
    if (parcel.state === "cancelled") return refused("parcelCancelled");
    if (parcel.state !== "awaiting" || parcel.digital) {
      // The same form sent twice: the first one shipped it.
      return parcel.state === "shipped" && sameTracking(parcel, input)
        ? OK
        : refused("notAwaiting");
    }
    const moved = await tx
      .update(parcels)
      .set({
        state: "shipped",
        courier: input.courier,
        trackingNumber: input.trackingNumber,
        trackingUrl: input.trackingUrl,
        shippedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(parcels.id, parcel.id),
          eq(parcels.state, "awaiting"),
          eq(parcels.digital, false),
          orderIsPaid(tx),
        ),
      )
      .returning({ id: parcels.id });
    if (moved.length === 0) return refused("notAwaiting");
    await tx.insert(parcelTrackings).values({
      parcelId: parcel.id,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl,
      recordedById: by.staff.id,
      recordedByName: by.staff.name,
      createdAt: now,
    });
    const fulfilment = await refreshFulfilment(tx, parcel.orderId, now);
    await queueShippedEmail(tx, parcel, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.parcel_shipped",
      subject: { type: "order", id: parcel.orderId },
      before: { parcelId: parcel.id, seller: parcel.sellerId, state: "awaiting" },
      after: {
        parcelId: parcel.id,
        seller: parcel.sellerId,
        state: "shipped",
        courier: input.courier,
        trackingNumber: input.trackingNumber,
        ...(input.trackingUrl ? { trackingUrl: input.trackingUrl } : {}),
        ...(fulfilment ? { fulfilment } : {}),
      },
      clientAddress: by.clientAddress,
      at: now,
    });
    return OK;
  });
}

/**
 * A shipped parcel's courier or number was wrong: the new one becomes current and the old one is
 * kept, marked replaced. No second "shipped" email goes out by itself (the shopper already has
 * one, and a correction is often a typo fixed within minutes); staff resend it from the emails
 * list when the shopper should hear, and the resend shows the number current at sending time.
 */
export async function correctTracking(
  input: ShipInput,
  by: ActedBy,
  now = new Date(),
): Promise<ParcelActionResult> {
  return transaction(async (tx) => {
    const parcel = await workableParcel(tx, input.orderId, input.parcelId);
    if (typeof parcel === "string") return refused(parcel);
    if (parcel.state !== "shipped") return refused("notShipped");
    if (sameTracking(parcel, input)) return OK;
    // Against the number this form was about: two corrections at once apply one after the other,
    // never both over the same old number.
    const moved = await tx
      .update(parcels)
      .set({
        courier: input.courier,
        trackingNumber: input.trackingNumber,
        trackingUrl: input.trackingUrl,
        updatedAt: now,
      })
      .where(
        and(
          eq(parcels.id, parcel.id),
          eq(parcels.state, "shipped"),
          eq(parcels.courier, parcel.courier!),
          eq(parcels.trackingNumber, parcel.trackingNumber!),
        ),
      )
      .returning({ id: parcels.id });
    if (moved.length === 0) return refused("notShipped");
    await tx
      .update(parcelTrackings)
      .set({ replacedAt: now })
      .where(and(eq(parcelTrackings.parcelId, parcel.id), isNull(parcelTrackings.replacedAt)));
    await tx.insert(parcelTrackings).values({
      parcelId: parcel.id,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl,
      recordedById: by.staff.id,
      recordedByName: by.staff.name,
      createdAt: now,
    });
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.tracking_corrected",
      subject: { type: "order", id: parcel.orderId },
      before: {
        parcelId: parcel.id,
        courier: parcel.courier,
        trackingNumber: parcel.trackingNumber,
        ...(parcel.trackingUrl ? { trackingUrl: parcel.trackingUrl } : {}),
      },
      after: {
        parcelId: parcel.id,
        courier: input.courier,
        trackingNumber: input.trackingNumber,
        ...(input.trackingUrl ? { trackingUrl: input.trackingUrl } : {}),
      },
      clientAddress: by.clientAddress,
      at: now,
    });
    return OK;
  });
}

export async function markParcelDelivered(
  input: { orderId: number; parcelId: number },
  by: ActedBy,
  now = new Date(),
): Promise<ParcelActionResult> {
  return transaction(async (tx) => {
    const parcel = await workableParcel(tx, input.orderId, input.parcelId);
    if (typeof parcel === "string") return refused(parcel);
    if (parcel.state === "delivered") return OK;
    if (parcel.state !== "shipped") return refused("notShipped");
    const moved = await tx
      .update(parcels)
      .set({ state: "delivered", deliveredAt: now, updatedAt: now })
      .where(and(eq(parcels.id, parcel.id), eq(parcels.state, "shipped"), orderIsPaid(tx)))
      .returning({ id: parcels.id });
    if (moved.length === 0) return refused("notShipped");
    const fulfilment = await refreshFulfilment(tx, parcel.orderId, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.parcel_delivered",
      subject: { type: "order", id: parcel.orderId },
      before: { parcelId: parcel.id, state: "shipped", fulfilment: parcel.fulfilment },
      after: { parcelId: parcel.id, state: "delivered", ...(fulfilment ? { fulfilment } : {}) },
      clientAddress: by.clientAddress,
      at: now,
    });
    return OK;
  });
}

/**
 * Staff mark a delivered order completed (the shopper confirmed, or nothing more is expected);
 * an order whose parcels are not all delivered is refused: completion means it arrived.
 */
export async function completeOrder(
  input: { orderId: number },
  by: ActedBy,
  now = new Date(),
): Promise<ParcelActionResult> {
  return transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!order) return refused("notFound");
    if (order.fulfilment === "completed") return OK;
    const byOrder = orderRefusal(order.status);
    if (byOrder) return refused(byOrder);
    if (order.fulfilment !== "delivered") return refused("notDelivered");
    const moved = await tx
      .update(orders)
      .set({ fulfilment: "completed", completedAt: now, updatedAt: now })
      .where(
        and(
          eq(orders.id, input.orderId),
          eq(orders.status, "paid"),
          eq(orders.fulfilment, "delivered"),
        ),
      )
      .returning({ id: orders.id });
    if (moved.length === 0) return refused("notDelivered");
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.completed",
      subject: { type: "order", id: input.orderId },
      before: { fulfilment: "delivered" },
      after: { fulfilment: "completed", via: "staff" },
      clientAddress: by.clientAddress,
      at: now,
    });
    return OK;
  });
}

/** Most orders one pass completes: the next pass takes the rest. */
export const COMPLETE_BATCH = 500;

/**
 * Completes paid orders delivered at least `days` days ago, each with an activity entry (no
 * person: the shop did it). One conditional UPDATE per pass: two instances running it at once
 * complete each order once.
 */
export async function completeDeliveredOrders(days: number, now = new Date()): Promise<number[]> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  return transaction(async (tx) => {
    const due = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.fulfilment, "delivered"),
          eq(orders.status, "paid"),
          lte(orders.deliveredAt, cutoff),
        ),
      )
      .limit(COMPLETE_BATCH);
    if (due.length === 0) return [];
    const completed: number[] = [];
    for (const { id } of due) {
      const moved = await tx
        .update(orders)
        .set({ fulfilment: "completed", completedAt: now, updatedAt: now })
        .where(
          and(
            eq(orders.id, id),
            eq(orders.fulfilment, "delivered"),
            eq(orders.status, "paid"),
            lte(orders.deliveredAt, cutoff),
          ),
        )
        .returning({ id: orders.id });
      if (moved.length === 0) continue;
      completed.push(id);
      await recordActivity(tx, {
        actor: null,
        action: "order.completed",
        subject: { type: "order", id },
        before: { fulfilment: "delivered" },
        after: { fulfilment: "completed", via: "automatic", days },
        at: now,
      });
    }
    return completed;
  });
}
