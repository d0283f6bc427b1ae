// The payment state machine. Every change is one conditional UPDATE (`WHERE status IN …`), run
// inside the caller's transaction next to the event row that caused it; a change that does not
// apply is reported back (and recorded as the event's outcome), never forced.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { perConnection } from "@/lib/db/client";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "@/lib/db/schema";
import { orders, paymentAttempts, type AttemptStatus, type OrderStatus } from "@/lib/db/schema";

export type Tx = Pick<BetterSQLite3Database<typeof schema>, "select" | "update" | "insert">;

/** What DOKU said about an attempt, from a verified notification or a signed Check Status. */
export type PaymentOutcome = "SUCCESS" | "FAILED" | "EXPIRED" | "REFUNDED" | "PENDING";

export interface TransitionResult {
  /** For the event's `outcome` column, e.g. `paid`, `ignored:already_paid`. */
  outcome: string;
  /** A human should look: money may have moved in a way the shop did not expect. */
  flagged: boolean;
  orderStatus: OrderStatus | null;
}

const ATTEMPT_FROM: Record<Exclude<PaymentOutcome, "PENDING">, AttemptStatus[]> = {
  // Money taken is money taken: a late SUCCESS wins over an earlier FAILED or EXPIRED.
  SUCCESS: ["creating", "pending", "rejected", "failed", "expired"],
  FAILED: ["creating", "pending", "rejected"],
  EXPIRED: ["creating", "pending", "rejected"],
  REFUNDED: ["paid"],
};
const ATTEMPT_TO: Record<Exclude<PaymentOutcome, "PENDING">, AttemptStatus> = {
  SUCCESS: "paid",
  FAILED: "failed",
  EXPIRED: "expired",
  REFUNDED: "refunded",
};

function orderStatus(tx: Tx, orderId: number): OrderStatus | null {
  return tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).get()?.status ?? null;
}

/** A newer attempt owns the order's status: an old attempt failing must not fail the order. */
function isLatestAttempt(tx: Tx, orderId: number, attemptId: number): boolean {
  const latest = tx
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, orderId))
    .orderBy(desc(paymentAttempts.id))
    .limit(1)
    .get();
  return latest?.id === attemptId;
}

export function applyOutcome(
  tx: Tx,
  attempt: { id: number; orderId: number },
  outcome: PaymentOutcome,
  now = new Date(),
): TransitionResult {
  if (outcome === "PENDING") {
    return { outcome: "no_change:pending", flagged: false, orderStatus: orderStatus(tx, attempt.orderId) };
  }
  const to = ATTEMPT_TO[outcome];
  const moved = statements().moveAttempt[outcome].run({ id: attempt.id, now }).changes;
  if (moved === 0) {
    const current = tx.select({ status: paymentAttempts.status }).from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id)).get();
    return {
      outcome: current?.status === to ? `duplicate:already_${to}` : `ignored:attempt_${current?.status ?? "missing"}`,
      flagged: false,
      orderStatus: orderStatus(tx, attempt.orderId),
    };
  }

  switch (outcome) {
    case "SUCCESS": {
      const paid = statements().markOrderPaid.run({ orderId: attempt.orderId, now }).changes;
      if (paid) return { outcome: "paid", flagged: false, orderStatus: "paid" };
      // The order was already paid by another attempt: the shopper paid twice.
      return { outcome: "paid:order_already_paid", flagged: true, orderStatus: orderStatus(tx, attempt.orderId) };
    }
    case "FAILED":
    case "EXPIRED": {
      const status = to as "failed" | "expired";
      if (!isLatestAttempt(tx, attempt.orderId, attempt.id)) {
        return { outcome: `${status}:superseded_attempt`, flagged: false, orderStatus: orderStatus(tx, attempt.orderId) };
      }
      const changed = tx
        .update(orders)
        .set({ status, updatedAt: now })
        .where(and(eq(orders.id, attempt.orderId), eq(orders.status, "pending")))
        .run().changes;
      return { outcome: changed ? status : `${status}:order_unchanged`, flagged: false, orderStatus: orderStatus(tx, attempt.orderId) };
    }
    case "REFUNDED": {
      tx.update(orders)
        .set({ status: "refunded", updatedAt: now })
        .where(and(eq(orders.id, attempt.orderId), eq(orders.status, "paid")))
        .run();
      return { outcome: "refunded", flagged: false, orderStatus: orderStatus(tx, attempt.orderId) };
    }
  }
}

/** failed/expired → pending, only to start a new attempt (the caller inserts it in the same tx). */
export function reopenForNewAttempt(tx: Tx, orderId: number, now = new Date()): boolean {
  return (
    tx
      .update(orders)
      .set({ status: "pending", updatedAt: now })
      .where(and(eq(orders.id, orderId), inArray(orders.status, ["failed", "expired"])))
      .run().changes === 1
  );
}

/** generate-order gave no payment URL: the attempt is rejected and, if it is the latest, the order fails. */
export function rejectAttempt(tx: Tx, attempt: { id: number; orderId: number }, reason: string, now = new Date()): void {
  const changed = tx
    .update(paymentAttempts)
    .set({ status: "rejected", failureReason: reason, updatedAt: now })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, "creating")))
    .run().changes;
  if (changed && isLatestAttempt(tx, attempt.orderId, attempt.id)) {
    tx.update(orders)
      .set({ status: "failed", updatedAt: now })
      .where(and(eq(orders.id, attempt.orderId), eq(orders.status, "pending")))
      .run();
  }
}

export function activateAttempt(
  tx: Tx,
  attemptId: number,
  details: { paymentUrl: string; kredivoOrderId: string | null; expiresAt: Date | null },
  now = new Date(),
): boolean {
  return (
    tx
      .update(paymentAttempts)
      .set({ status: "pending", ...details, updatedAt: now })
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, "creating")))
      .run().changes === 1
  );
}

// The two updates every settling notification makes, prepared once per connection instead of
// built and compiled on each call (the notification route's hottest path; docs/benchmarks.md).
// Prepared on the process's connection, they run inside whatever transaction is open on it.
const ORDER_PAYABLE: OrderStatus[] = ["pending", "failed", "expired"];
const statements = perConnection((database) => {
  // drizzle's update().set() types omit placeholders, but binds them (mapped as Dates) at run time.
  const now = sql.placeholder("now") as unknown as Date;
  const move = (outcome: Exclude<PaymentOutcome, "PENDING">) =>
    database
      .update(paymentAttempts)
      .set({ status: ATTEMPT_TO[outcome], updatedAt: now, ...(outcome === "REFUNDED" ? {} : { settledAt: now }) })
      .where(and(eq(paymentAttempts.id, sql.placeholder("id")), inArray(paymentAttempts.status, ATTEMPT_FROM[outcome])))
      .prepare();
  return {
    moveAttempt: { SUCCESS: move("SUCCESS"), FAILED: move("FAILED"), EXPIRED: move("EXPIRED"), REFUNDED: move("REFUNDED") },
    markOrderPaid: database
      .update(orders)
      .set({ status: "paid", paidAt: now, updatedAt: now })
      .where(and(eq(orders.id, sql.placeholder("orderId")), inArray(orders.status, ORDER_PAYABLE)))
      .prepare(),
  };
});
