// The payment state machine. Every change is one conditional UPDATE (`WHERE status IN …`), run in
// the transaction it is given next to the event row that caused it; a change that does not apply
// is reported back as a typed result (and recorded as the event's outcome), never forced. When the
// order itself is paid, fails or expires, the shopper's email is queued in the same transaction,
// and its units are sold or given back (lib/stock/reservations.ts) in that transaction too.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import {
  orders,
  paymentAttempts,
  type AttemptStatus,
  type EventEffect,
  type OrderStatus,
} from "@/lib/db/schema";
import { openParcels } from "@/lib/fulfilment/parcels";
import { observeTransition } from "@/lib/observability/payment-events";
import { completeReportedRefunds } from "@/lib/refunds/reported";
import {
  consumeOrder,
  releaseOrder,
  retakeOrder,
  type StockShortfall,
} from "@/lib/stock/reservations";
import { latestAttempt } from "./attempts";
import { queueOrderEmails } from "./outbox";
import type { PaymentStatus } from "./provider";

type Settling = Exclude<PaymentStatus, "pending">;

export type TransitionResult =
  | { kind: "no_change" }
  /** The attempt was already where the update says: DOKU telling us twice. */
  | { kind: "duplicate"; status: AttemptStatus }
  /** The attempt is in a state this update may not move it from (a FAILED after paid). */
  | { kind: "ignored"; attemptStatus: AttemptStatus | null }
  | {
      kind: "applied";
      to: Settling;
      /**
       * `changed`: the order followed; `already_paid`: another attempt had paid it (the shopper
       * paid twice: a human must look); `superseded`: a newer attempt owns the order's status;
       * `unchanged`: the order was no longer in a state this update moves; `after_cancel`: paid
       * after staff cancelled it (lib/orders/cancel.ts): paid all the same, and a human must look.
       */
      order: "changed" | "already_paid" | "superseded" | "unchanged" | "after_cancel";
      /**
       * Paid after its units were given back, and too few are left to take them again: the order
       * is paid all the same (stock never goes below zero) and a human must look.
       */
      stockShort?: StockShortfall[];
      /** REFUNDED: the refunds it completed (lib/refunds/reported.ts); `partial` keeps the order paid. */
      refunds?: { ids: number[]; partial: boolean; alreadyRecorded?: boolean };
    };

type Applied = Extract<TransitionResult, { kind: "applied" }>;

/** For the event log's `outcome` column; derived from the result, never parsed back. */
export function transitionOutcome(result: TransitionResult): string {
  switch (result.kind) {
    case "no_change":
      return "no_change:pending";
    case "duplicate":
      return `duplicate:already_${result.status}`;
    case "ignored":
      return `ignored:attempt_${result.attemptStatus ?? "missing"}`;
    case "applied":
      if (result.to === "paid" && result.order === "after_cancel")
        return `paid:after_cancel${result.stockShort ? `:stock_short(${result.stockShort.map((s) => `product ${s.productId} wanted ${s.wanted}, ${s.left} left`).join("; ")})` : ""}`;
      if (result.to === "paid" && result.stockShort) {
        return `paid:stock_short(${result.stockShort.map((s) => `product ${s.productId} wanted ${s.wanted}, ${s.left} left`).join("; ")})`;
      }
      if (result.to === "paid")
        return result.order === "already_paid" ? "paid:order_already_paid" : "paid";
      if (result.to === "refunded")
        return result.refunds?.alreadyRecorded
          ? "refunded:already_recorded"
          : result.refunds?.partial
            ? "refunded:partial"
            : "refunded";
      return result.order === "superseded"
        ? `${result.to}:superseded_attempt`
        : result.order === "changed"
          ? result.to
          : `${result.to}:order_unchanged`;
  }
}

/** What the shopper's timeline says the update did: received, declined, expired, refunded, or nothing. */
export function orderEffect(result: TransitionResult): EventEffect | null {
  if (result.kind !== "applied") return null;
  if (result.to === "refunded" && result.refunds?.alreadyRecorded) return null;
  if (result.to === "paid" || result.to === "refunded") return result.to;
  return result.order === "changed" ? result.to : null;
}

/** Money may have moved in a way the shop did not expect, or a paid order's units are missing. */
export const needsReview = (result: TransitionResult) =>
  result.kind === "applied" &&
  (result.order === "already_paid" ||
    result.order === "after_cancel" ||
    result.stockShort !== undefined ||
    result.refunds?.alreadyRecorded === true);

/** The update moved the attempt (what the reconciler reports as a change). */
export const moved = (result: TransitionResult) => result.kind === "applied";

const ATTEMPT_FROM: Record<Settling, AttemptStatus[]> = {
  // Money taken is money taken: a late SUCCESS wins over an earlier FAILED or EXPIRED.
  paid: ["creating", "pending", "rejected", "failed", "expired"],
  failed: ["creating", "pending", "rejected"],
  expired: ["creating", "pending", "rejected"],
  refunded: ["paid"],
};
const ORDER_PAYABLE: OrderStatus[] = ["pending", "failed", "expired"];
/** Cancelled by staff before it was paid: a payment still arriving pays it, flagged for review. */
const ORDER_PAYABLE_AFTER_CANCEL: OrderStatus[] = ["cancelled"];

/**
 * A payment sells the order's units: those it holds, or, when they were given back (a SUCCESS
 * after a FAILED or EXPIRED), the same units taken again if enough are left. Returns what is missing.
 */
async function sellUnits(tx: Tx, orderId: number): Promise<StockShortfall[] | undefined> {
  if (await consumeOrder(tx, orderId)) return undefined;
  const retaken = await retakeOrder(tx, orderId, "sold");
  return retaken.kind === "short" ? retaken.short : undefined;
}

/** A newer attempt owns the order's status: an old attempt failing must not fail the order. */
async function isLatestAttempt(tx: Tx, orderId: number, attemptId: number): Promise<boolean> {
  return (await latestAttempt(tx, orderId))?.id === attemptId;
}

export interface UpdateOptions {
  /** Queue the shopper's email for the change (not when the shopper cancelled it themselves). */
  email?: boolean;
  /** Who reported the update: a REFUNDED completes refunds with it (lib/refunds/reported.ts). */
  via?: "notification" | "check_status";
}

export function applyUpdate(
  tx: Tx,
  attempt: { id: number; orderId: number },
  status: PaymentStatus,
  now = new Date(),
  options: UpdateOptions = {},
): Promise<TransitionResult> {
  if (status === "pending") return Promise.resolve({ kind: "no_change" });
  // A span and a count per transition (lib/observability/payment-events.ts).
  return observeTransition(attempt, status, () => move(tx, attempt, status, now, options));
}

async function move(
  tx: Tx,
  attempt: { id: number; orderId: number },
  status: Exclude<PaymentStatus, "pending">,
  now: Date,
  { email = true, via = "check_status" }: UpdateOptions,
): Promise<TransitionResult> {
  const movedRows = await tx
    .update(paymentAttempts)
    .set({ status: status, updatedAt: now, ...(status === "refunded" ? {} : { settledAt: now }) })
    .where(
      and(
        eq(paymentAttempts.id, attempt.id),
        inArray(paymentAttempts.status, ATTEMPT_FROM[status]),
      ),
    )
    .returning({ id: paymentAttempts.id });
  if (movedRows.length === 0) {
    const [current] = await tx
      .select({ status: paymentAttempts.status })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, attempt.id));
    return current?.status === status
      ? { kind: "duplicate", status }
      : { kind: "ignored", attemptStatus: current?.status ?? null };
  }

  const applied = (order: Applied["order"]): Applied => ({ kind: "applied", to: status, order });
  const moveOrder = async (
    to: OrderStatus,
    from: OrderStatus[],
    extra: { paidAt?: Date; cancelledAt?: null } = {},
  ) =>
    (
      await tx
        .update(orders)
        .set({ status: to, updatedAt: now, ...extra })
        .where(and(eq(orders.id, attempt.orderId), inArray(orders.status, from)))
        .returning({ id: orders.id })
    ).length === 1;

  switch (status) {
    case "paid": {
      // Two conditional UPDATEs, not a read first: the one that applies says where the order was.
      // Paid after a cancel is a paid order like any other (the owner may cancel or refund it):
      // cancelled_at goes, the flagged event keeps the story.
      const afterCancel = await moveOrder("paid", ORDER_PAYABLE_AFTER_CANCEL, {
        paidAt: now,
        cancelledAt: null,
      });
      if (!afterCancel && !(await moveOrder("paid", ORDER_PAYABLE, { paidAt: now })))
        return applied("already_paid");
      const stockShort = await sellUnits(tx, attempt.orderId);
      // One parcel per seller, in this transaction: a paid order always has its parcels.
      await openParcels(tx, attempt.orderId, now);
      if (email) await queueOrderEmails(tx, attempt, "paid", now);
      const order = afterCancel ? "after_cancel" : "changed";
      return stockShort ? { ...applied(order), stockShort } : applied(order);
    }
    case "failed":
    case "expired":
      if (!(await isLatestAttempt(tx, attempt.orderId, attempt.id))) return applied("superseded");
      if (!(await moveOrder(status, ["pending"]))) return applied("unchanged");
      await releaseOrder(tx, attempt.orderId);
      if (email) await queueOrderEmails(tx, attempt, status, now);
      return applied("changed");
    case "refunded": {
      // The refunds an owner requested complete; with none, DOKU's report is recorded as one. The
      // units stay sold unless the owner's refund put them back: that is the merchant's call.
      const done = await completeReportedRefunds(tx, attempt.orderId, via, now);
      if (!done) return applied("unchanged");
      // Only a refund the shop had not recorded gets today's notice; requested ones got theirs.
      if (email && done.requested === 0 && done.refundIds.length > 0)
        await queueOrderEmails(tx, attempt, "refunded", now);
      return {
        ...applied(done.orderRefunded ? "changed" : "unchanged"),
        refunds: {
          ids: done.refundIds,
          partial: !done.orderRefunded,
          ...(done.alreadyRecorded ? { alreadyRecorded: true } : {}),
        },
      };
    }
  }
}

/** failed/expired → pending, only to start a new attempt (the caller inserts it in the same tx). */
export async function reopenForNewAttempt(
  tx: Tx,
  orderId: number,
  now = new Date(),
): Promise<boolean> {
  const rows = await tx
    .update(orders)
    .set({ status: "pending", updatedAt: now })
    .where(and(eq(orders.id, orderId), inArray(orders.status, ["failed", "expired"])))
    .returning({ id: orders.id });
  return rows.length === 1;
}

/** The provider gave no payment URL: the attempt is rejected and, if it is the latest, the order fails. */
export async function rejectAttempt(
  tx: Tx,
  attempt: { id: number; orderId: number },
  reason: string,
  now = new Date(),
): Promise<void> {
  const rows = await tx
    .update(paymentAttempts)
    .set({ status: "rejected", failureReason: reason, updatedAt: now })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "creating")))
    .returning({ id: paymentAttempts.id });
  if (rows.length === 1 && (await isLatestAttempt(tx, attempt.orderId, attempt.id))) {
    const failed = await tx
      .update(orders)
      .set({ status: "failed", updatedAt: now })
      .where(and(eq(orders.id, attempt.orderId), eq(orders.status, "pending")))
      .returning({ id: orders.id });
    if (failed.length === 1) await releaseOrder(tx, attempt.orderId);
  }
}

export async function activateAttempt(
  tx: Tx,
  attemptId: number,
  details: { paymentUrl: string; kredivoOrderId: string | null; expiresAt: Date | null },
  now = new Date(),
): Promise<boolean> {
  const rows = await tx
    .update(paymentAttempts)
    .set({ status: "pending", ...details, updatedAt: now })
    .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, "creating")))
    .returning({ id: paymentAttempts.id });
  return rows.length === 1;
}
