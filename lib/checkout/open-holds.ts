// How much of the stock one shopper may hold without paying. An unpaid order holds its units until
// its Kredivo link expires, so without a bound one script could take a scarce product off sale for
// everyone: each product may set a most per order, and one shopper (by email, by phone, and by
// client address behind trusted proxies) may have only a few unpaid orders holding units at once.
// Counted in the transaction that takes the units, so every instance sees the same holds.
import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { orders } from "@/lib/db/schema";
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
  lines: readonly { product: { id: number; name: string }; quantity: number; maxPerOrder: number | null }[],
): OverLimitLine[] {
  return lines.flatMap(({ product, quantity, maxPerOrder }) =>
    maxPerOrder !== null && quantity > maxPerOrder ? [{ productId: product.id, name: product.name, wanted: quantity, max: maxPerOrder }] : [],
  );
}

/**
 * Whether `holder` may hold units in one more order, given `limit` open holds. The holder's keys
 * are locked first (PostgreSQL: their rate_limits rows, FOR UPDATE; SQLite: the transaction's write
 * lock), so two placements by one shopper on two instances cannot both see room for one more.
 * `exceptOrderId`: the order asking again (pay again), which holds nothing while it asks.
 */
export async function hasRoomForHold(tx: Tx, holder: Holder, limit: number, exceptOrderId?: number): Promise<boolean> {
  const email = holder.email.trim().toLowerCase();
  const keys = [`holds:email:${email}`, `holds:phone:${holder.phone}`];
  if (holder.address) keys.push(`holds:address:${holder.address}`);
  await lockCounters(tx, keys, new Date());

  const same: SQL[] = [sql`lower(${orders.customerEmail}) = ${email}`, eq(orders.customerPhone, holder.phone)];
  if (holder.address) same.push(eq(orders.clientAddress, holder.address));
  const conditions = [eq(orders.stockState, "reserved"), or(...same)];
  if (exceptOrderId !== undefined) conditions.push(ne(orders.id, exceptOrderId));
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(orders)
    .where(and(...conditions));
  return (row?.n ?? 0) < limit;
}
