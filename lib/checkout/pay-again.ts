// "Pay again" from the order page: a failed or expired order gets a new attempt with a new
// invoice number; a live attempt is reused rather than doubled.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { latestAttempt, resumableUrl } from "@/lib/orders/attempts";
import { reopenForNewAttempt } from "@/lib/orders/transitions";
import { takeAttemptSlot } from "./attempt-limits";
import { orderPath } from "./place-order";
import { insertAttempt, startPayment } from "./start-payment";

export type PayAgainResult = { kind: "redirect"; url: string } | { kind: "limited"; retryAfterMs: number };

/** `address`: the client's, when trusted proxies give one; the order's cart is limited too. */
export async function payAgain(token: string, address: string | null = null): Promise<PayAgainResult | null> {
  const order = db().select().from(orders).where(eq(orders.publicToken, token)).get();
  if (!order) return null;

  const redirect = (url: string): PayAgainResult => ({ kind: "redirect", url });
  if (order.status === "pending") return redirect(resumableUrl(latestAttempt(order.id)) ?? orderPath(token));
  if (order.status !== "failed" && order.status !== "expired") return redirect(orderPath(token));

  const started = db().transaction((tx) => {
    const slot = takeAttemptSlot(tx, { cartId: order.cartId, address });
    if (!slot.ok) return slot;
    // Two clicks race here: the conditional reopen lets exactly one of them add an attempt.
    return { ok: true as const, attemptId: reopenForNewAttempt(tx, order.id) ? insertAttempt(tx, order.id, order.total) : null };
  });
  if (!started.ok) return { kind: "limited", retryAfterMs: started.retryAfterMs };
  if (started.attemptId === null) return redirect(orderPath(token));
  const payment = await startPayment(started.attemptId);
  return redirect(payment.ok ? payment.paymentUrl : orderPath(token));
}
