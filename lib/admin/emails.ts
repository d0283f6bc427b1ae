// The back office's view of the email outbox: each order's emails with their tries, the count of
// emails not sent, and a resend (a new outbox row, so the first one's history stays as it was).
// A resend is a row with `resend_of` (the record of it) and goes out past the recipient's daily cap.
import "server-only";
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import { emailDeliveries, emailOutbox, type EmailKind, type EmailStatus } from "@/lib/db/schema";
import { RECIPIENT_LIMITED } from "@/lib/mail/recipient-limit";
import type { ActedBy } from "./admin-action";

export interface OrderEmailRow {
  id: number;
  kind: EmailKind;
  recipient: string;
  status: EmailStatus;
  tries: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  resendOf: number | null;
  /** The SMTP server's last answer, good or bad. */
  lastResponse: string | null;
  /** Never sent: the recipient's daily cap kept it back (status `failed`; a resend sends it). */
  limited: boolean;
}

export async function orderEmails(orderId: number): Promise<OrderEmailRow[]> {
  return run(async (db) => {
    const rows = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.orderId, orderId))
      .orderBy(emailOutbox.id);
    const tries = rows.length
      ? await db
          .select({ outboxId: emailDeliveries.outboxId, response: emailDeliveries.response })
          .from(emailDeliveries)
          .where(
            inArray(
              emailDeliveries.outboxId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(desc(emailDeliveries.id))
      : [];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      status: row.status,
      tries: row.tries,
      lastError: row.lastError,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      nextAttemptAt: row.nextAttemptAt,
      resendOf: row.resendOf,
      lastResponse: tries.find((t) => t.outboxId === row.id)?.response ?? null,
      limited: row.status === "failed" && row.lastError === RECIPIENT_LIMITED,
    }));
  });
}

/**
 * Emails queued, being sent or given up on: what the orders page warns about. Not those the daily
 * cap kept back: a stranger can cause them at will, and a warning they could fill would be ignored.
 */
export async function unsentEmailCount(): Promise<number> {
  const notLimited = or(
    ne(emailOutbox.status, "failed"),
    isNull(emailOutbox.lastError),
    ne(emailOutbox.lastError, RECIPIENT_LIMITED),
  );
  const [row] = await run((db) =>
    db
      .select({ n: count() })
      .from(emailOutbox)
      .where(
        and(
          // Order emails only: an account email (an invitation, a reset link) has no order to open.
          isNotNull(emailOutbox.orderId),
          inArray(emailOutbox.status, ["queued", "sending", "failed"]),
          notLimited,
        ),
      ),
  );
  return row?.n ?? 0;
}

/**
 * Queues the email again for the same order and address, with its activity entry; false (and
 * nothing written) when the email is not this order's.
 */
export async function resendEmail(
  orderId: number,
  outboxId: number,
  by: ActedBy,
  now = new Date(),
): Promise<boolean> {
  return transaction(async (tx) => {
    const [original] = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.orderId, orderId)));
    if (!original) return false;
    const [resent] = await tx
      .insert(emailOutbox)
      .values({
        orderId,
        kind: original.kind,
        // A "shipped" email is about one parcel: its resend is too.
        parcelId: original.parcelId,
        // A refund email says which refund: its copy must too.
        refundId: original.refundId,
        cause: null,
        resendOf: original.id,
        recipient: original.recipient,
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning({ id: emailOutbox.id });
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.email_resent",
      subject: { type: "order", id: orderId },
      after: { outboxId: original.id, kind: original.kind, newOutboxId: resent!.id },
      clientAddress: by.clientAddress,
      at: now,
    });
    return true;
  });
}
