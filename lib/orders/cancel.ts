// Cancelling an order from the back office. Staff cancel an UNPAID order: its open attempt fails
// through the state machine (as the shopper's own cancel does, lib/payments/shopper-cancel.ts),
// the order becomes `cancelled` and its units go back on sale, in one transaction; a SUCCESS that
// still arrives pays it, flagged for review (lib/payments/transitions.ts). Owners cancel a PAID
// order none of whose parcels to ship has left: its awaiting parcels are cancelled and a full refund
// is requested (lib/refunds/); a parcel that shipped can only be refunded. Digital parcels were
// delivered at payment and stay delivered: there is nothing to take back, and they block nothing.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import type { ActedBy } from "@/lib/admin/admin-action";
import { transaction } from "@/lib/db/client";
import { orders, parcels, paymentEvents } from "@/lib/db/schema";
import { latestAttempt } from "@/lib/payments/attempts";
import { applyUpdate, transitionOutcome } from "@/lib/payments/transitions";
import { queueRefundEmail } from "@/lib/refunds/emails";
import { recordRefund } from "@/lib/refunds/record";
import type { RefundActionResult, RefundFormError } from "@/lib/refunds/refund-schema";
import { releaseOrder } from "@/lib/stock/reservations";
import { lockOrder } from "./lock";

const UNPAID = ["pending", "failed", "expired"] as const;
const OPEN_ATTEMPT = ["creating", "pending", "rejected"];

/** Thrown inside the transaction so that all of it rolls back; carries the answer. */
class Refused extends Error {
  constructor(readonly error: RefundFormError) {
    super(error);
  }
}

function answer(work: Promise<RefundActionResult>): Promise<RefundActionResult> {
  return work.catch((error: unknown) => {
    if (error instanceof Refused) return { ok: false, errors: { form: error.error } };
    throw error;
  });
}

/** Staff: an unpaid order (pending, failed or expired) becomes cancelled, once. */
export function cancelUnpaidOrder(
  orderId: number,
  reason: string,
  by: ActedBy,
  now = new Date(),
): Promise<RefundActionResult> {
  return answer(
    transaction(async (tx): Promise<RefundActionResult> => {
      // No lock on the order first: the attempt is moved before the order, in the order a
      // notification moves them, so the two never wait on each other crosswise.
      const [order] = await tx
        .select({ status: orders.status })
        .from(orders)
        .where(eq(orders.id, orderId));
      if (!order) return { ok: false, errors: { form: "notFound" } };
      if (order.status === "paid") return { ok: false, errors: { form: "paidNeedsOwner" } };
      if (!(UNPAID as readonly string[]).includes(order.status))
        return { ok: false, errors: { form: "notUnpaid" } };

      const attempt = await latestAttempt(tx, orderId);
      let outcome = "cancelled";
      if (attempt && OPEN_ATTEMPT.includes(attempt.status)) {
        // Closed locally: DOKU has no cancel call for Kredivo, and a payment after it still counts.
        const result = await applyUpdate(tx, attempt, "failed", now, { email: false });
        outcome = `cancelled(${transitionOutcome(result)})`;
      }
      const moved = await tx
        .update(orders)
        .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
        .where(and(eq(orders.id, orderId), inArray(orders.status, [...UNPAID])))
        .returning({ id: orders.id });
      // Paid meanwhile (the attempt's SUCCESS won the race): nothing of this is kept.
      if (moved.length !== 1) throw new Refused("paidNeedsOwner");
      await releaseOrder(tx, orderId);
      await tx.insert(paymentEvents).values({
        kind: "staff_cancel",
        direction: "local",
        orderId,
        attemptId: attempt?.id ?? null,
        method: "LOCAL",
        url: "staff",
        requestHeaders: {},
        outcome,
        effect: "cancelled",
        createdAt: now,
      });
      await recordActivity(tx, {
        actor: by.staff,
        action: "order.cancelled",
        subject: { type: "order", id: orderId },
        before: { status: order.status },
        after: { status: "cancelled", reason, stockReleased: true },
        clientAddress: by.clientAddress,
        at: now,
      });
      await queueRefundEmail(tx, orderId, { kind: "order_cancelled", refundId: null }, now);
      return { ok: true, done: "cancelled" };
    }),
  );
}

/** Owners: a paid order none of whose parcels shipped is cancelled, and its full refund requested. */
export function cancelPaidOrder(
  orderId: number,
  reason: string,
  by: ActedBy,
  now = new Date(),
): Promise<RefundActionResult> {
  return answer(
    transaction(async (tx): Promise<RefundActionResult> => {
      const order = await lockOrder(tx, orderId);
      if (!order) return { ok: false, errors: { form: "notFound" } };
      if (order.status !== "paid") return { ok: false, errors: { form: "notPaid" } };
      if (order.cancelledAt) return { ok: false, errors: { form: "alreadyCancelled" } };
      // Awaiting parcels first (their rows locked), then the check: a parcel shipped meanwhile is seen.
      const cancelled = await tx
        .update(parcels)
        .set({ state: "cancelled", cancelledAt: now, updatedAt: now })
        .where(and(eq(parcels.orderId, orderId), eq(parcels.state, "awaiting")))
        .returning({ id: parcels.id });
      const [left] = await tx
        .select({ id: parcels.id })
        .from(parcels)
        .where(
          and(
            eq(parcels.orderId, orderId),
            eq(parcels.digital, false),
            inArray(parcels.state, ["shipped", "delivered"]),
          ),
        )
        .limit(1);
      if (left) throw new Refused("shipped");
      await tx
        .update(orders)
        .set({ fulfilment: "cancelled", cancelledAt: now, updatedAt: now })
        .where(eq(orders.id, orderId));
      // The units never left: they go back on sale with the refund.
      const refund = await recordRefund(
        tx,
        orderId,
        { full: true, lines: [], adjustment: 0, reason, restock: true },
        by.staff,
        by.clientAddress,
        now,
        // One email: the cancellation's, which states the refund from its row.
        { email: false },
      );
      // Everything was already asked for (an earlier full refund): the cancellation stands alone.
      if (!refund.ok && refund.errors.amount !== "amount.nothingLeft")
        throw new Refused(refund.errors.form ?? "invalid");
      const refundId = refund.ok ? refund.refundId : null;
      await recordActivity(tx, {
        actor: by.staff,
        action: "order.cancelled",
        subject: { type: "order", id: orderId },
        before: { status: order.status, fulfilment: order.fulfilment },
        after: {
          fulfilment: "cancelled",
          parcelsCancelled: cancelled.map((p) => p.id),
          reason,
          refundId,
          refundAmount: refund.ok ? refund.amount : 0,
        },
        clientAddress: by.clientAddress,
        at: now,
      });
      await queueRefundEmail(tx, orderId, { kind: "order_cancelled", refundId }, now);
      return { ok: true, done: "cancelledAndRefund" };
    }),
  );
}
