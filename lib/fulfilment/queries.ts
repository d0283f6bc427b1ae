// An order's parcels as the back office and the shopper's order page show them: seller, items,
// state, the current courier and number with its tracking link, and (for staff) every earlier one.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { orderItems, parcels, parcelTrackings, sellers, type ParcelState } from "@/lib/db/schema";
import { courierName, trackingLink } from "./couriers";

export interface ParcelTracking {
  courier: string;
  courierName: string | null;
  trackingNumber: string;
  trackingUrl: string | null;
  recordedByName: string | null;
  createdAt: Date;
  replacedAt: Date | null;
}

export interface ParcelView {
  id: number;
  seller: string;
  digital: boolean;
  state: ParcelState;
  courier: string | null;
  courierName: string | null;
  trackingNumber: string | null;
  /** The "other" courier's page as staff gave it (the form shows it when correcting). */
  otherUrl: string | null;
  /** Where the shopper follows it; `perNumber` when the number is in the address already. */
  link: { url: string; perNumber: boolean } | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  items: { name: string; quantity: number }[];
  /** Oldest first, the current one last; empty for the shopper's page. */
  history: ParcelTracking[];
}

export async function orderParcels(
  orderId: number,
  { history = false }: { history?: boolean } = {},
): Promise<ParcelView[]> {
  return run(async (db) => {
    const found = await db
      .select({
        id: parcels.id,
        sellerId: parcels.sellerId,
        seller: sellers.name,
        digital: parcels.digital,
        state: parcels.state,
        courier: parcels.courier,
        trackingNumber: parcels.trackingNumber,
        trackingUrl: parcels.trackingUrl,
        shippedAt: parcels.shippedAt,
        deliveredAt: parcels.deliveredAt,
      })
      .from(parcels)
      .innerJoin(sellers, eq(sellers.id, parcels.sellerId))
      .where(eq(parcels.orderId, orderId))
      .orderBy(asc(parcels.id));
    if (found.length === 0) return [];
    const items = await db
      .select({
        sellerId: orderItems.sellerId,
        name: orderItems.name,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, orderId), eq(orderItems.kind, "product")))
      .orderBy(asc(orderItems.id));
    const trackings = history
      ? await db
          .select()
          .from(parcelTrackings)
          .where(
            inArray(
              parcelTrackings.parcelId,
              found.map((p) => p.id),
            ),
          )
          .orderBy(asc(parcelTrackings.id))
      : [];
    return found.map((p) => ({
      id: p.id,
      seller: p.seller,
      digital: p.digital,
      state: p.state,
      courier: p.courier,
      courierName: courierName(p.courier, p.trackingUrl),
      trackingNumber: p.trackingNumber,
      otherUrl: p.courier === "other" ? p.trackingUrl : null,
      link: p.trackingNumber ? trackingLink(p.courier, p.trackingNumber, p.trackingUrl) : null,
      shippedAt: p.shippedAt,
      deliveredAt: p.deliveredAt,
      items: items
        .filter((i) => i.sellerId === p.sellerId)
        .map(({ name, quantity }) => ({ name, quantity })),
      history: trackings
        .filter((t) => t.parcelId === p.id)
        .map((t) => ({
          courier: t.courier,
          courierName: courierName(t.courier, t.trackingUrl),
          trackingNumber: t.trackingNumber,
          trackingUrl: t.trackingUrl,
          recordedByName: t.recordedByName,
          createdAt: t.createdAt,
          replacedAt: t.replacedAt,
        })),
    }));
  });
}
