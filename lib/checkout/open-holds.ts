// How much of the stock one shopper may hold without paying. An unpaid order holds its units until
// its Kredivo link expires, so without a bound one script could take a scarce product off sale for
// everyone: each product may set a most per order, and one shopper (by mailbox, by phone, and by
// client address behind trusted proxies) may have only a few unpaid orders holding units at once.
// Counted in the transaction that takes the units, so every instance sees the same holds.
import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { orderItems, orders, products } from "@/lib/db/schema";
import { mailboxKey } from "@/lib/limits/mailbox";
import { lockCounters } from "@/lib/limits/rate-limits";

/** Who is asking to hold units: the order's contact details, and the client's address if known. */
export interface Holder {
  email: string;
  phone: string;
  address: string | null;
}

/** A cart or order line over its product's most per order. */
export interface OverLimitLine {
  productId: number;
  name: string;
  wanted: number;
  max: number;
}

/** The lines whose quantity is above their product's `maxPerOrder` (null: no bound of its own). */
export function linesOverLimit(
  lines: readonly {
    product: { id: number; name: string };
    quantity: number;
    maxPerOrder: number | null;
  }[],
): OverLimitLine[] {
  return lines.flatMap(({ product, quantity, maxPerOrder }) =>
    maxPerOrder !== null && quantity > maxPerOrder
      ? [{ productId: product.id, name: product.name, wanted: quantity, max: maxPerOrder }]
      : [],
  );
}

/** An order's lines above their product's most per order as it is now (set since the order was placed). */
export async function orderLinesOverLimit(tx: Tx, orderId: number): Promise<OverLimitLine[]> {
  const lines = await tx
    .select({
      id: products.id,
      name: products.name,
      quantity: orderItems.quantity,
      maxPerOrder: products.maxPerOrder,
    })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId));
  return linesOverLimit(
    lines.map(({ id, name, quantity, maxPerOrder }) => ({
      product: { id, name },
      quantity,
      maxPerOrder,
    })),
  );
}

/**
 * Whether `holder` may hold units in one more order, given `limit` open holds. The holder's keys
 * are locked first (PostgreSQL: their rate_limits rows, FOR UPDATE; SQLite: the transaction's write
 * lock), so two placements by one shopper on two instances cannot both see room for one more.
 * `exceptOrderId`: the order asking again (pay again), which holds nothing while it asks.
 */
export async function hasRoomForHold(
  tx: Tx,
  holder: Holder,
  limit: number,
  exceptOrderId?: number,
): Promise<boolean> {
  const mailbox = mailboxKey(holder.email);
  const keys = [`holds:mailbox:${mailbox}`, `holds:phone:${holder.phone}`];
  if (holder.address) keys.push(`holds:address:${holder.address}`);
  await lockCounters(tx, keys, new Date());

  const same: SQL[] = [eq(orders.customerMailbox, mailbox), eq(orders.customerPhone, holder.phone)];
  if (holder.address) same.push(eq(orders.clientAddress, holder.address));
  const conditions = [eq(orders.stockState, "reserved"), or(...same)];
  if (exceptOrderId !== undefined) conditions.push(ne(orders.id, exceptOrderId));
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(orders)
    .where(and(...conditions));
  return (row?.n ?? 0) < limit;
}
