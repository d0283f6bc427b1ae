// Reads what an outbox row's email says from the database: the order as it is when the email is
// rendered (its items are a snapshot from checkout time and never change).
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import {
  orderItems,
  orders,
  parcels,
  products,
  refunds,
  sellers,
  type OrderEmailKind,
} from "@/lib/db/schema";
import { orderReference } from "@/lib/format";
import { courierName, trackingLink } from "@/lib/fulfilment/couriers";
import type { ShopTimeZone } from "@/lib/time-zone";
import type { OrderEmail, ParcelEmailPart } from "./email";

export async function loadOrderEmail(
  tx: Tx,
  row: {
    orderId: number;
    kind: OrderEmailKind;
    parcelId?: number | null;
    refundId?: number | null;
  },
  shop: { baseUrl: string; zone: ShopTimeZone },
): Promise<OrderEmail | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, row.orderId));
  if (!order) return null;
  const items = await tx
    .select({
      name: orderItems.name,
      quantity: orderItems.quantity,
      unitPrice: orderItems.unitPrice,
      lineTotal: orderItems.lineTotal,
      kind: orderItems.kind,
      type: products.type,
      delivery: products.digitalDelivery,
      seller: sellers.name,
    })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .leftJoin(sellers, eq(sellers.id, orderItems.sellerId))
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.id));
  const parcel = row.kind === "parcel_shipped" ? await loadParcel(tx, row.parcelId ?? null) : null;
  // A "shipped" email without its shipped parcel says nothing true: the sender reports it gone.
  if (row.kind === "parcel_shipped" && !parcel) return null;

  const [refund] = row.refundId
    ? await tx
        .select({ amount: refunds.amount, full: refunds.full })
        .from(refunds)
        .where(eq(refunds.id, row.refundId))
    : [];
  const physical = items.some((item) => item.kind === "product" && item.type === "physical");
  const ship = order.shippingAddress;
  return {
    kind: row.kind,
    locale: order.locale,
    zone: shop.zone,
    order: {
      reference: orderReference(order.publicToken),
      customerFirstName: order.customerFirstName,
      placedAt: order.createdAt,
      paidAt: order.paidAt,
      subtotal: order.subtotal,
      shippingTotal: order.shippingTotal,
      total: order.total,
      url: `${shop.baseUrl}/orders/${order.publicToken}`,
      shipping: physical
        ? {
            name: [ship.firstName, ship.lastName].filter(Boolean).join(" "),
            address: ship.address,
            city: ship.city,
            postalCode: ship.postalCode,
            phone: ship.phone,
          }
        : null,
    },
    parcel,
    lines: items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      lineTotal: item.lineTotal,
      kind: item.kind,
      seller: item.kind === "shipping" ? item.seller : null,
      digital: item.type === "digital",
      delivery: item.type === "digital" ? item.delivery : null,
    })),
    refund: refund ?? null,
  };
}

/** The shipped parcel with its seller, items and current tracking number; null when not shipped. */
async function loadParcel(tx: Tx, parcelId: number | null): Promise<ParcelEmailPart | null> {
  if (parcelId === null) return null;
  const [parcel] = await tx
    .select({
      orderId: parcels.orderId,
      sellerId: parcels.sellerId,
      seller: sellers.name,
      state: parcels.state,
      courier: parcels.courier,
      trackingNumber: parcels.trackingNumber,
      trackingUrl: parcels.trackingUrl,
    })
    .from(parcels)
    .innerJoin(sellers, eq(sellers.id, parcels.sellerId))
    .where(eq(parcels.id, parcelId));
  if (!parcel || !parcel.trackingNumber || parcel.state === "awaiting") return null;
  if (parcel.state === "cancelled") return null;
  const items = await tx
    .select({ name: orderItems.name, quantity: orderItems.quantity })
    .from(orderItems)
    .where(
      and(
        eq(orderItems.orderId, parcel.orderId),
        eq(orderItems.sellerId, parcel.sellerId),
        eq(orderItems.kind, "product"),
      ),
    )
    .orderBy(asc(orderItems.id));
  const link = trackingLink(parcel.courier, parcel.trackingNumber, parcel.trackingUrl);
  return {
    seller: parcel.seller,
    items,
    courier: courierName(parcel.courier, parcel.trackingUrl) ?? "",
    trackingNumber: parcel.trackingNumber,
    trackingUrl: link?.url ?? null,
    perNumber: link?.perNumber ?? false,
  };
}
