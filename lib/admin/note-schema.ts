// The staff note form's rules, shared by the form (checked in the browser before anything is sent)
// and the server action (checked again before the database is touched). Pure: no server-only.
import { z } from "zod";

/** The most characters a note holds (order_notes' CHECK says the same). */
export const NOTE_MAX_CHARS = 2000;

/** What the note form answers; `length` is what was typed, for the "too long" message. */
export type NoteError = "empty" | "tooLong" | "invalid" | "notFound";
export type NoteResult =
  | { ok: true; nextKey: string; duplicate: boolean }
  | { ok: false; error: NoteError; length?: number };

/** The body as kept: trimmed, 1..2000 characters. */
export const noteBody = z.string().trim().min(1, "empty").max(NOTE_MAX_CHARS, "tooLong");

/** A form's one-time key: random, rendered with the form, so a second submit of it adds nothing. */
export const noteSubmitKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The fields as posted; the body's own rules are applied after, so each gets its own message. */
export const noteForm = z.object({
  orderId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  submitKey: noteSubmitKey,
  body: z.string(),
});

/** The body's problem, or null when it is a note; `length` counts the trimmed characters. */
export function noteBodyProblem(body: string): Extract<NoteResult, { ok: false }> | null {
  const parsed = noteBody.safeParse(body);
  if (parsed.success) return null;
  const error = parsed.error.issues[0]?.message === "tooLong" ? "tooLong" : "empty";
  return { ok: false, error, length: body.trim().length };
}
