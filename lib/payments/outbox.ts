// The email outbox, written by the state machine in the transaction of the change that calls for
// an email: the confirmation (and the digital delivery) when an order is paid, a pay-again email
// when its payment fails or expires, a refund notice when a paid order is refunded. If the change
// rolls back, so does the email; if it commits, the email is owed, and lib/mail/sender.ts delivers
// it with retries. One row per change: the
// `(kind, cause)` key makes a second delivery of the same news queue nothing.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { emailOutbox, orderItems, orders, products, type EmailKind } from "@/lib/db/schema";
import { currentTraceparent } from "@/lib/observability/tracing";

export type OrderNews = "paid" | "failed" | "expired" | "refunded";

/** The one email for news other than a payment. */
const NOTICE: Record<Exclude<OrderNews, "paid">, EmailKind> = {
  failed: "payment_failed",
  expired: "payment_expired",
  refunded: "payment_refunded",
};

/** The cause of the emails an attempt's change queues: the change happens once per attempt. */
export const attemptCause = (attemptId: number) => `attempt:${attemptId}`;

export async function queueOrderEmails(
  tx: Tx,
  attempt: { id: number; orderId: number },
  news: OrderNews,
  now: Date,
): Promise<EmailKind[]> {
  const [order] = await tx
    .select({ email: orders.customerEmail })
    .from(orders)
    .where(eq(orders.id, attempt.orderId));
  if (!order) return [];

  const kinds: EmailKind[] = [];
  if (news === "paid") {
    kinds.push("order_confirmation");
    const [digital] = await tx
      .select({ one: sql`1` })
      .from(orderItems)
      .innerJoin(products, eq(products.id, orderItems.productId))
      .where(and(eq(orderItems.orderId, attempt.orderId), eq(products.type, "digital")))
      .limit(1);
    if (digital) kinds.push("digital_delivery");
  } else {
    kinds.push(NOTICE[news]);
  }

  const queued = await tx
    .insert(emailOutbox)
    .values(
      kinds.map((kind) => ({
        orderId: attempt.orderId,
        kind,
        cause: attemptCause(attempt.id),
        recipient: order.email,
        nextAttemptAt: now,
        createdAt: now,
        // The send, later, links back to the span that queued it (lib/observability/payment-events.ts).
        traceContext: currentTraceparent(),
      })),
    )
    .onConflictDoNothing({ target: [emailOutbox.kind, emailOutbox.cause] })
    .returning({ kind: emailOutbox.kind });
  return queued.map((row) => row.kind);
}

export interface OrderEmail {
  orderId: number;
  kind: EmailKind;
  /** Makes the email once per change ((kind, cause) is unique); null: every call sends one. */
  cause: string | null;
  /** The order's customer email unless given (the caller may have read it already). */
  recipient?: string;
  parcelId?: number | null;
  refundId?: number | null;
  now: Date;
}

/** Queues one email about an order, once per (kind, cause); returns whether it was queued. */
export async function queueOrderEmail(tx: Tx, email: OrderEmail): Promise<boolean> {
  let recipient = email.recipient;
  if (recipient === undefined) {
    const [order] = await tx
      .select({ email: orders.customerEmail })
      .from(orders)
      .where(eq(orders.id, email.orderId));
    if (!order) return false;
    recipient = order.email;
  }
  const queued = await tx
    .insert(emailOutbox)
    .values({
      orderId: email.orderId,
      parcelId: email.parcelId ?? null,
      refundId: email.refundId ?? null,
      kind: email.kind,
      cause: email.cause,
      recipient,
      nextAttemptAt: email.now,
      createdAt: email.now,
      traceContext: currentTraceparent(),
    })
    .onConflictDoNothing({ target: [emailOutbox.kind, emailOutbox.cause] })
    .returning({ id: emailOutbox.id });
  return queued.length === 1;
}
