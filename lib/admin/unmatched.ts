// Signed notifications that match no payment attempt here: an unknown invoice, or a body DOKU
// signed but we could not read. They change no order, so no order page shows them — yet DOKU
// signed them, so money may have moved (a database restored from an older backup, a second shop
// on the same DOKU account). Staff see them on the orders page until marked reviewed.
import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import { paymentEvents } from "@/lib/db/schema";
import type { ActedBy } from "./admin-action";

export interface UnmatchedNotification {
  id: number;
  receivedAt: Date;
  requestId: string | null;
  outcome: string;
  httpStatus: number | null;
  /** As DOKU sent them, when the body says. */
  invoice: string | null;
  amount: number | null;
}

const unmatched = and(
  eq(paymentEvents.kind, "notification"),
  isNull(paymentEvents.orderId),
  eq(paymentEvents.flagged, true),
  isNull(paymentEvents.reviewedAt),
);

// The stored body is what DOKU sent, checked only for its signature: read it leniently.
const bodyOrder = z.object({
  order: z
    .object({ invoice_number: z.string().max(128).optional(), amount: z.number().int().optional() })
    .optional(),
});

function orderOf(body: string | null): { invoice: string | null; amount: number | null } {
  try {
    const parsed = bodyOrder.safeParse(JSON.parse(body ?? ""));
    if (parsed.success)
      return {
        invoice: parsed.data.order?.invoice_number ?? null,
        amount: parsed.data.order?.amount ?? null,
      };
  } catch {
    // Not JSON: shown without invoice or amount.
  }
  return { invoice: null, amount: null };
}

/** The newest unreviewed ones (at most `limit`) and how many there are in all. */
export async function unmatchedNotifications(
  limit = 20,
): Promise<{ rows: UnmatchedNotification[]; total: number }> {
  const { rows, total } = await run(async (db) => {
    const rows = await db
      .select({
        id: paymentEvents.id,
        receivedAt: paymentEvents.createdAt,
        requestId: paymentEvents.requestId,
        outcome: paymentEvents.outcome,
        httpStatus: paymentEvents.httpStatus,
        body: paymentEvents.requestBody,
      })
      .from(paymentEvents)
      .where(unmatched)
      .orderBy(desc(paymentEvents.id))
      .limit(limit);
    const [counted] = await db.select({ n: count() }).from(paymentEvents).where(unmatched);
    return { rows, total: counted?.n ?? 0 };
  });
  return {
    rows: rows.map(({ body, ...row }) => ({ ...row, ...orderOf(body) })),
    total,
  };
}

/**
 * One conditional UPDATE: only an unreviewed, flagged notification without an order changes, and
 * only then is there an activity entry (in the same transaction).
 */
export async function markUnmatchedReviewed(
  eventId: number,
  by: ActedBy,
  now: Date = new Date(),
): Promise<boolean> {
  return transaction(async (tx) => {
    const changed = await tx
      .update(paymentEvents)
      .set({ reviewedAt: now })
      .where(and(eq(paymentEvents.id, eventId), unmatched))
      .returning({ id: paymentEvents.id, requestBody: paymentEvents.requestBody });
    if (changed.length !== 1) return false;
    await recordActivity(tx, {
      actor: by.staff,
      action: "notification.reviewed",
      subject: { type: "event", id: eventId },
      before: { reviewedAt: null },
      after: { invoice: orderOf(changed[0]!.requestBody).invoice, reviewedAt: now.toISOString() },
      clientAddress: by.clientAddress,
      at: now,
    });
    return true;
  });
}
