// The refunds of an order as the back office's refund panel and the shopper's order page show
// them. Callers of orderRefundList must have passed requireAdmin() or found the order by its token.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { parcels, refunds } from "@/lib/db/schema";

export type RefundRow = typeof refunds.$inferSelect;

export function orderRefundList(orderId: number): Promise<RefundRow[]> {
  return run((db) =>
    db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id)),
  );
}

/** Whether a parcel of the order has left (shipped or delivered): then it can only be refunded. */
export async function hasShippedParcel(orderId: number): Promise<boolean> {
  const [row] = await run((db) =>
    db
      .select({ id: parcels.id })
      .from(parcels)
      .where(and(eq(parcels.orderId, orderId), inArray(parcels.state, ["shipped", "delivered"])))
      .limit(1),
  );
  return Boolean(row);
}
