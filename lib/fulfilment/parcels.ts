// Parcels inside a transaction someone else opened: opened when the order is paid (by the payment
// state machine, lib/payments/transitions.ts), and the order's fulfilment derived from them again
// after every change, in that same transaction, so the order never disagrees with its parcels.
// Free of server-only: the state machine and tests call it with their own transaction.
import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import {
  orderItems,
  orders,
  parcels,
  products,
  type FulfilmentState,
  type ParcelState,
} from "@/lib/db/schema";
import { queueOrderEmail } from "@/lib/payments/outbox";

/**
 * One parcel per seller of the order's product lines; a seller's parcel holding only digital
 * products is delivered at once (the digital_delivery email, queued with the confirmation, is its
 * delivery). Opening twice opens nothing more (unique order_id, seller_id).
 */
export async function openParcels(tx: Tx, orderId: number, now: Date): Promise<number> {
  const lines = await tx
    .select({ sellerId: orderItems.sellerId, type: products.type })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orderItems.orderId, orderId), eq(orderItems.kind, "product")));
  const digitalOnly = new Map<string, boolean>();
  for (const line of lines) {
    if (line.sellerId === null) continue;
    // A line whose product is gone is treated as physical: shipping it is the safe assumption.
    const digital = line.type === "digital";
    digitalOnly.set(line.sellerId, (digitalOnly.get(line.sellerId) ?? true) && digital);
  }
  if (digitalOnly.size === 0) return 0;
  const opened = await tx
    .insert(parcels)
    .values(
      [...digitalOnly].map(([sellerId, digital]) => ({
        orderId,
        sellerId,
        digital,
        state: (digital ? "delivered" : "awaiting") as ParcelState,
        deliveredAt: digital ? now : null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [parcels.orderId, parcels.sellerId] })
    .returning({ id: parcels.id });
  await refreshFulfilment(tx, orderId, now);
  return opened.length;
}

/**
 * The order's fulfilment from its parcels (values.ts); null when it has none. A digital parcel is
 * delivered when paid, so it says nothing about shipping: only the parcels to ship count, unless
 * there are none (as the migration's backfill reads it).
 */
export function deriveFulfilment(
  found: { state: ParcelState; digital: boolean }[],
): FulfilmentState | null {
  if (found.length === 0) return null;
  const live = found.filter((p) => p.state !== "cancelled");
  if (live.length === 0) return "cancelled";
  const physical = live.filter((p) => !p.digital);
  const states = (physical.length > 0 ? physical : live).map((p) => p.state);
  if (states.every((s) => s === "delivered")) return "delivered";
  if (states.every((s) => s === "shipped" || s === "delivered")) return "shipped";
  if (states.some((s) => s === "shipped" || s === "delivered")) return "partly_shipped";
  return "unfulfilled";
}

/**
 * Writes the order's fulfilment and last delivery from its parcels; a completed order stays
 * completed (completion is the end of its story). Returns what it wrote, or null when nothing.
 * The caller holds the order's lock (lib/orders/lock.ts): two parcels of one order moved at once
 * would otherwise each derive from a read missing the other's change.
 */
export async function refreshFulfilment(
  tx: Tx,
  orderId: number,
  now: Date,
): Promise<FulfilmentState | null> {
  const rows = await tx
    .select({ state: parcels.state, digital: parcels.digital, deliveredAt: parcels.deliveredAt })
    .from(parcels)
    .where(eq(parcels.orderId, orderId));
  const fulfilment = deriveFulfilment(rows);
  if (fulfilment === null) return null;
  const delivered = rows
    .filter((r) => r.state === "delivered" && r.deliveredAt)
    .map((r) => r.deliveredAt!.getTime());
  const deliveredAt =
    fulfilment === "delivered" && delivered.length ? new Date(Math.max(...delivered)) : null;
  const written = await tx
    .update(orders)
    .set({ fulfilment, deliveredAt, updatedAt: now })
    .where(
      and(
        eq(orders.id, orderId),
        or(isNull(orders.fulfilment), ne(orders.fulfilment, "completed")),
      ),
    )
    .returning({ id: orders.id });
  return written.length ? fulfilment : null;
}

/** The cause that makes a parcel's "shipped" email once: a parcel ships once. */
export const parcelCause = (parcelId: number) => `parcel:${parcelId}`;

/** Queues the "your order is on its way" email for a parcel that just shipped, once. */
export function queueShippedEmail(
  tx: Tx,
  parcel: { id: number; orderId: number },
  now: Date,
): Promise<boolean> {
  return queueOrderEmail(tx, {
    orderId: parcel.orderId,
    kind: "parcel_shipped",
    cause: parcelCause(parcel.id),
    parcelId: parcel.id,
    now,
  });
}
