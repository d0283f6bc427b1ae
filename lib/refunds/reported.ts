// DOKU reported the order REFUNDED (a notification or a Check Status answer), inside the state
// machine's transaction (lib/payments/transitions.ts): the refunds an owner requested complete
// with it. When none was requested, the refund was made in DOKU's Back Office or by DOKU's support
// without the shop: the remainder is recorded as one completed refund "reported by DOKU" — but
// only when the order has no refund at all. When its refunds are all completed already (an owner
// confirmed a partial one), nothing tells what this report is about: nothing more is written and
// the event is flagged for review (`alreadyRecorded`), rather than refunding the rest on a guess.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { refunds, type RefundCompletion } from "@/lib/db/schema";
import { refreshFulfilment } from "@/lib/fulfilment/parcels";
import { queueRefundEmail } from "./emails";
import {
  cancelRefundedParcels,
  lockOrder,
  orderRefunds,
  paidAttempt,
  refundableItems,
  settleRefundedTotal,
} from "./record";
import { unitsLeft } from "./refundable";
import { REPORTED_BY_DOKU } from "./reported-reason";

export { REPORTED_BY_DOKU };

export interface ReportedRefunds {
  /** The refunds completed by this report. */
  refundIds: number[];
  /** Owner-requested refunds among them (they get a refund_completed email each). */
  requested: number;
  /** The order is now refunded in full; otherwise it stays paid with a smaller net. */
  orderRefunded: boolean;
  /** The order's refunds were all completed already: nothing written, a human must look. */
  alreadyRecorded: boolean;
}

export async function completeReportedRefunds(
  tx: Tx,
  orderId: number,
  via: Exclude<RefundCompletion, "owner">,
  now: Date,
): Promise<ReportedRefunds | null> {
  const order = await lockOrder(tx, orderId);
  if (!order || order.status !== "paid") return null;
  const prior = await orderRefunds(tx, orderId);
  const open = prior.filter((r) => r.state === "requested");
  let refundIds: number[];
  if (open.length > 0) {
    const done = await tx
      .update(refunds)
      .set({ state: "completed", completedAt: now, completedVia: via })
      .where(
        and(
          inArray(
            refunds.id,
            open.map((r) => r.id),
          ),
          eq(refunds.state, "requested"),
        ),
      )
      .returning({ id: refunds.id });
    refundIds = done.map((r) => r.id);
    for (const id of refundIds)
      await queueRefundEmail(tx, orderId, { kind: "refund_completed", refundId: id }, now);
  } else if (prior.length > 0) {
    return { refundIds: [], requested: 0, orderRefunded: false, alreadyRecorded: true };
  } else {
    const remainder = order.total - order.refundedTotal;
    if (remainder <= 0)
      return { refundIds: [], requested: 0, orderRefunded: false, alreadyRecorded: false };
    const attempt = await paidAttempt(tx, orderId);
    const items = await refundableItems(tx, orderId);
    const left = unitsLeft(items, prior);
    const [row] = await tx
      .insert(refunds)
      .values({
        orderId,
        attemptId: attempt?.id ?? null,
        invoiceNumber: attempt?.invoiceNumber ?? "",
        state: "completed",
        amount: remainder,
        full: true,
        lines: [...left].flatMap(([orderItemId, quantity]) =>
          quantity > 0 ? [{ orderItemId, quantity }] : [],
        ),
        adjustment: 0,
        reason: REPORTED_BY_DOKU,
        // Whether the units come back is the merchant's call: nothing is put back on sale.
        restock: false,
        completedAt: now,
        completedVia: via,
        createdAt: now,
      })
      .returning({ id: refunds.id });
    refundIds = [row!.id];
    // Refunded in full by DOKU: nothing is left to ship in the parcels still awaiting.
    const allUnits = [...left].map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
    const closed = await cancelRefundedParcels(
      tx,
      orderId,
      items,
      [{ state: "completed", amount: remainder, lines: allUnits }],
      now,
    );
    if (closed.length > 0) await refreshFulfilment(tx, orderId, now);
  }
  const orderRefunded = await settleRefundedTotal(tx, orderId, now);
  return { refundIds, requested: open.length, orderRefunded, alreadyRecorded: false };
}

/** The event that reported it, written on the refunds it completed (known once the event is recorded). */
export async function linkRefundsToEvent(tx: Tx, refundIds: number[], eventId: number) {
  if (refundIds.length === 0) return;
  await tx.update(refunds).set({ eventId }).where(inArray(refunds.id, refundIds));
}
