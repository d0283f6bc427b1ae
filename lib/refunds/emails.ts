// The shopper's emails about a cancellation or a refund, queued in the transaction of the change
// (lib/payments/outbox.ts explains the outbox). The cause makes each once per change: a second
// submit, or DOKU reporting twice, queues nothing more.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { emailOutbox, orders } from "@/lib/db/schema";
import { currentTraceparent } from "@/lib/observability/tracing";

export type RefundNews =
  | { kind: "order_cancelled"; refundId: number | null }
  | { kind: "refund_requested"; refundId: number }
  | { kind: "refund_completed"; refundId: number };

export function refundEmailCause(orderId: number, news: RefundNews): string {
  switch (news.kind) {
    case "order_cancelled":
      return `cancel:${orderId}`;
    case "refund_requested":
      return `refund:${news.refundId}:requested`;
    case "refund_completed":
      return `refund:${news.refundId}:completed`;
  }
}

export async function queueRefundEmail(
  tx: Tx,
  orderId: number,
  news: RefundNews,
  now: Date,
): Promise<boolean> {
  const [order] = await tx
    .select({ email: orders.customerEmail })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return false;
  const queued = await tx
    .insert(emailOutbox)
    .values({
      orderId,
      refundId: news.refundId,
      kind: news.kind,
      cause: refundEmailCause(orderId, news),
      recipient: order.email,
      nextAttemptAt: now,
      createdAt: now,
      traceContext: currentTraceparent(),
    })
    .onConflictDoNothing({ target: [emailOutbox.kind, emailOutbox.cause] })
    .returning({ id: emailOutbox.id });
  return queued.length === 1;
}
