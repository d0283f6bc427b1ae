"use client";

// Staff's internal note on an order. The form is the server action's own (useActionState), so it
// works without JavaScript; with it, the body is checked in the browser with the schema the action
// checks again (lib/admin/note-schema.ts), so a note that is empty or too long (a pasted 1 MB
// page) is refused with its length before anything is sent. The hidden one-time key makes a
// double submit add the note once; each saved note brings the key for the next one.
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { NOTE_MAX_CHARS, noteBodyProblem, type NoteResult } from "@/lib/admin/note-schema";

export type AddNoteAction = (
  previous: NoteResult | null,
  formData: FormData,
) => Promise<NoteResult>;

export function NoteForm({
  orderId,
  submitKey,
  addNoteAction,
}: {
  orderId: number;
  /** Rendered fresh with the page (lib/admin/notes.ts newNoteKey). */
  submitKey: string;
  addNoteAction: AddNoteAction;
}) {
  const t = useTranslations("admin.notes");
  const [state, action] = useActionState<NoteResult | null, FormData>(addNoteAction, null);
  const [local, setLocal] = useState<NoteResult | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const key = state?.ok ? state.nextKey : submitKey;
  const shown = local ?? state;
  const error = shown && !shown.ok ? shown : null;

  useEffect(() => {
    if (state?.ok && field.current) field.current.value = "";
    if (state && !state.ok) field.current?.focus();
  }, [state]);

  return (
    <form
      action={action}
      noValidate
      data-testid="note-form"
      className="space-y-2 border-t border-stone-200 p-4 sm:p-5"
      onSubmit={(event) => {
        const problem = noteBodyProblem(field.current?.value ?? "");
        setLocal(problem);
        if (problem) {
          event.preventDefault();
          field.current?.focus();
        }
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="submitKey" value={key} />
      <label htmlFor="note-body" className="block text-sm font-medium text-stone-800">
        {t("label")}
      </label>
      <p id="note-hint" className="text-xs text-stone-600">
        {t("hint", { max: NOTE_MAX_CHARS })}
      </p>
      <textarea
        ref={field}
        id="note-body"
        name="body"
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "note-hint note-error" : "note-hint"}
        className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:border-brand-600 aria-[invalid=true]:border-red-600"
      />
      <FieldError
        id="note-error"
        message={
          error
            ? t(`errors.${error.error}`, { max: NOTE_MAX_CHARS, length: error.length ?? 0 })
            : undefined
        }
      />
      {shown?.ok ? (
        <Alert tone="success" testId="note-saved" compact>
          {t(shown.duplicate ? "savedOnce" : "saved")}
        </Alert>
      ) : null}
      <SubmitButton size="sm" pendingLabel={t("saving")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
