// Staff's internal notes on an order: written here, read only by the back office's order page.
// No shopper query, page or email reads order_notes (tests/unit/order-notes.test.ts checks it).
import "server-only";
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import { orderNotes, orders } from "@/lib/db/schema";
import type { ActedBy } from "./admin-action";
import { noteBodyProblem, type NoteResult } from "./note-schema";

export interface OrderNoteRow {
  id: number;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** A fresh key for the note form: 128 random bits, URL-safe. */
export const newNoteKey = (): string => randomBytes(16).toString("base64url");

/** How much of a note the activity log keeps: enough to recognise it on the Activity page. */
const EXCERPT_CHARS = 120;

/**
 * Adds the note and its `order.note_added` entry in one transaction. The body is checked before
 * any statement runs (a 1 MB body is refused here, never sent to the database); the form's key is
 * unique, so the same form submitted twice inserts once and the second answer says it was saved.
 */
export async function addOrderNote(
  orderId: number,
  body: string,
  submitKey: string,
  by: ActedBy,
  now: Date = new Date(),
): Promise<NoteResult> {
  const problem = noteBodyProblem(body);
  if (problem) return problem;
  const text = body.trim();
  return transaction(async (tx): Promise<NoteResult> => {
    const [order] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.id, orderId))
      .limit(1);
    if (!order) return { ok: false, error: "notFound" };
    const inserted = await tx
      .insert(orderNotes)
      .values({
        orderId,
        authorId: by.staff.id,
        authorName: by.staff.name,
        body: text,
        submitKey,
        createdAt: now,
      })
      .onConflictDoNothing({ target: orderNotes.submitKey })
      .returning({ id: orderNotes.id });
    const note = inserted[0];
    if (!note) return { ok: true, nextKey: newNoteKey(), duplicate: true };
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.note_added",
      subject: { type: "order", id: orderId },
      after: {
        noteId: note.id,
        chars: text.length,
        excerpt: text.slice(0, EXCERPT_CHARS),
      },
      clientAddress: by.clientAddress,
      at: now,
    });
    return { ok: true, nextKey: newNoteKey(), duplicate: false };
  });
}

/** The order's notes, oldest first, for the back office's timeline only. */
export function orderNotesOf(orderId: number): Promise<OrderNoteRow[]> {
  return run((db) =>
    db
      .select({
        id: orderNotes.id,
        authorName: orderNotes.authorName,
        body: orderNotes.body,
        createdAt: orderNotes.createdAt,
      })
      .from(orderNotes)
      .where(eq(orderNotes.orderId, orderId))
      .orderBy(asc(orderNotes.createdAt), asc(orderNotes.id)),
  );
}
