// The shopper's "Back to cart" after leaving Kredivo unpaid: the order's newest attempt fails
// through the state machine, with an event saying the shopper did it, in one transaction, so the
// order's units are back on sale before its products go back into a cart. A late SUCCESS for that
// attempt still wins (paid from failed is allowed), and no "payment failed" email is sent: the
// shopper chose this and is about to order again.
import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/lib/db/client";
import { orders, paymentEvents } from "@/lib/db/schema";
import { latestAttempt } from "./attempts";
import { applyUpdate, transitionOutcome } from "./transitions";

/** `not_pending`: the order was already paid, failed or expired (or changed meanwhile); nothing moved. */
export type ShopperCancel = "cancelled" | "not_pending";

export function cancelByShopper(orderId: number, now = new Date()): Promise<ShopperCancel> {
  return transaction(async (tx) => {
    // Anyone holding the link can post this: only a pending order is touched or recorded.
    const [order] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(eq(orders.id, orderId));
    const attempt = order?.status === "pending" ? await latestAttempt(tx, orderId) : undefined;
    if (!attempt) return "not_pending";
    const result = await applyUpdate(tx, attempt, "failed", now, { email: false });
    const cancelled = result.kind === "applied" && result.order === "changed";
    await tx.insert(paymentEvents).values({
      kind: "shopper_cancel",
      direction: "local",
      orderId,
      attemptId: attempt.id,
      method: "LOCAL",
      url: "shopper",
      requestHeaders: {},
      outcome: transitionOutcome(result),
      effect: cancelled ? "cancelled" : null,
      createdAt: now,
    });
    return cancelled ? "cancelled" : "not_pending";
  });
}
