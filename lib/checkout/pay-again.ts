// "Pay again" from the order page: a failed or expired order gets a new attempt with a new
// invoice number; a live attempt is reused rather than doubled.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { latestAttempt, resumableUrl } from "@/lib/orders/attempts";
import { reopenForNewAttempt } from "@/lib/orders/transitions";
import { orderPath } from "./place-order";
import { insertAttempt, startPayment } from "./start-payment";

export async function payAgain(token: string): Promise<{ url: string } | null> {
  const order = db().select().from(orders).where(eq(orders.publicToken, token)).get();
  if (!order) return null;

  if (order.status === "pending") return { url: resumableUrl(latestAttempt(order.id)) ?? orderPath(token) };
  if (order.status !== "failed" && order.status !== "expired") return { url: orderPath(token) };

  const attemptId = db().transaction((tx) =>
    // Two clicks race here: the conditional reopen lets exactly one of them add an attempt.
    reopenForNewAttempt(tx, order.id) ? insertAttempt(tx, order.id, order.total) : null,
  );
  if (attemptId === null) return { url: orderPath(token) };
  const payment = await startPayment(attemptId);
  return { url: payment.ok ? payment.paymentUrl : orderPath(token) };
}
