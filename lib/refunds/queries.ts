// The refunds of an order as the back office's refund panel and the shopper's order page show
// them. Callers of orderRefundList must have passed requireAdmin() or found the order by its token.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { refunds } from "@/lib/db/schema";

export type RefundRow = typeof refunds.$inferSelect;

export function orderRefundList(orderId: number): Promise<RefundRow[]> {
  return run((db) =>
    db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id)),
  );
}
