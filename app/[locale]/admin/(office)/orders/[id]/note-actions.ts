"use server";

// The staff note form's action (lib/admin/notes.ts): a file of its own beside actions.ts, so the
// order page's other actions stay as they are. Staff and owners may write notes.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/admin/admin-action";
import { noteForm, type NoteResult } from "@/lib/admin/note-schema";
import { addOrderNote } from "@/lib/admin/notes";

const addNote = adminAction(
  { action: "order.note_added", role: "staff", input: noteForm },
  async ({ orderId, body, submitKey }, by): Promise<NoteResult> => {
    const result = await addOrderNote(orderId, body, submitKey, by);
    if (result.ok) revalidatePath(`/admin/orders/${orderId}`);
    return result;
  },
  { ok: false, error: "invalid" },
);

/** useActionState's shape, so the form also works without JavaScript. */
export async function addNoteAction(
  _previous: NoteResult | null,
  formData: FormData,
): Promise<NoteResult> {
  return addNote(formData);
}
