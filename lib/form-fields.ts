// Reading a submitted form into a plain record for a zod schema: shared by the back-office actions
// (lib/admin/admin-action.ts) and the public link and password forms. Pure: no server-only import.

/** The form's fields by name; a name sent twice keeps its first value, as FormData.get() does. */
export function formFields(formData: FormData): Record<string, FormDataEntryValue> {
  // No prototype: a field named `__proto__` or `constructor` is just a field.
  const out: Record<string, FormDataEntryValue> = Object.create(null);
  for (const [name, value] of formData) if (!(name in out)) out[name] = value;
  return out;
}
