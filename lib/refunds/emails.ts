// The shopper's emails about a cancellation or a refund, queued in the transaction of the change
// (lib/payments/outbox.ts explains the outbox). The cause makes each once per change: a second
// submit, or DOKU reporting twice, queues nothing more.
import type { Tx } from "@/lib/db/connection";
import { queueOrderEmail } from "@/lib/payments/outbox";

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

export function queueRefundEmail(
  tx: Tx,
  orderId: number,
  news: RefundNews,
  now: Date,
): Promise<boolean> {
  return queueOrderEmail(tx, {
    orderId,
    kind: news.kind,
    cause: refundEmailCause(orderId, news),
    refundId: news.refundId,
    now,
  });
}
