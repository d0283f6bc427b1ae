// The order row locked before anything of the order changes (FOR UPDATE on PostgreSQL; SQLite's
// BEGIN IMMEDIATE already runs one writer at a time). Every change that touches an order and its
// parcels or refunds takes this lock first, so they all lock in one order (order, then parcels)
// and never deadlock crosswise, and each reads what the previous one committed.
// Free of server-only: the payment state machine and tests call it with their own transaction.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { dialect, orders } from "@/lib/db/schema";

export type Order = typeof orders.$inferSelect;

/** The order, locked until `tx` ends on PostgreSQL. */
export async function lockOrder(tx: Tx, orderId: number): Promise<Order | undefined> {
  const query = tx.select().from(orders).where(eq(orders.id, orderId));
  const [order] = dialect === "postgresql" ? await query.for("update") : await query;
  return order;
}
