// The owner's refund actions: record a refund (`requested`, with what to do in DOKU's Back Office),
// and confirm one DOKU made, with DOKU's reference. DOKU publishes no refund API for Kredivo
// (docs/doku-api.md): the shop records refunds, it never makes them.
import "server-only";
import { and, eq } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import type { ActedBy } from "@/lib/admin/admin-action";
import { transaction } from "@/lib/db/client";
import { refunds } from "@/lib/db/schema";
import { queueRefundEmail } from "./emails";
import { lockOrder, recordRefund, settleRefundedTotal, type Recorded } from "./record";
import type { RefundFieldErrors, RefundForm } from "./refund-schema";

export function requestRefund(form: RefundForm, by: ActedBy, now = new Date()): Promise<Recorded> {
  return transaction((tx) => recordRefund(tx, form.orderId, form, by.staff, by.clientAddress, now));
}

export type Confirmed =
  { ok: true; orderRefunded: boolean } | { ok: false; errors: RefundFieldErrors };

/** requested → completed by the owner, once: a second confirmation finds it completed and changes nothing. */
export function confirmRefund(
  orderId: number,
  refundId: number,
  reference: string,
  by: ActedBy,
  now = new Date(),
): Promise<Confirmed> {
  return transaction(async (tx): Promise<Confirmed> => {
    const order = await lockOrder(tx, orderId);
    if (!order) return { ok: false, errors: { form: "notFound" } };
    const [done] = await tx
      .update(refunds)
      .set({
        state: "completed",
        completedAt: now,
        completedVia: "owner",
        completedById: by.staff.id,
        completedByName: by.staff.name,
        providerReference: reference,
      })
      .where(
        and(eq(refunds.id, refundId), eq(refunds.orderId, orderId), eq(refunds.state, "requested")),
      )
      .returning({ id: refunds.id, amount: refunds.amount });
    if (!done) return { ok: false, errors: { form: "alreadyDone" } };
    const orderRefunded = await settleRefundedTotal(tx, orderId, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.refund_confirmed",
      subject: { type: "order", id: orderId },
      before: { refundId, state: "requested", refundedTotal: order.refundedTotal },
      after: {
        refundId,
        state: "completed",
        amount: done.amount,
        providerReference: reference,
        refundedTotal: order.refundedTotal + done.amount,
        orderStatus: orderRefunded ? "refunded" : order.status,
      },
      clientAddress: by.clientAddress,
      at: now,
    });
    await queueRefundEmail(tx, orderId, { kind: "refund_completed", refundId }, now);
    return { ok: true, orderRefunded };
  });
}
