// The one shape of a back-office server action: check the session (requireAdmin() redirects to
// sign-in when there is none), parse the form with the action's zod schema, and only then call
// the action's body with what parsed. A form that does not parse gets the action's own answer
// (`invalid`; nothing for actions that answer nothing). Sign-in and sign-out are not behind the
// session and do not use this.
import "server-only";
import type { z } from "zod";
import { requireAdmin, type Staff } from "@/lib/auth/guard";

type Schema = z.ZodType<unknown, Record<string, unknown>>;

/** The form's fields by name; a name sent twice keeps its first value, as FormData.get() does. */
function fields(formData: FormData): Record<string, FormDataEntryValue> {
  // No prototype: a field named `__proto__` or `constructor` is just a field.
  const out: Record<string, FormDataEntryValue> = Object.create(null);
  for (const [name, value] of formData) if (!(name in out)) out[name] = value;
  return out;
}

export function adminAction<S extends Schema>(
  schema: S,
  fn: (input: z.output<S>, staff: Staff) => Promise<void>,
): (formData: FormData) => Promise<void>;
export function adminAction<S extends Schema, R>(
  schema: S,
  fn: (input: z.output<S>, staff: Staff) => Promise<R>,
  invalid: R,
): (formData: FormData) => Promise<R>;
export function adminAction<S extends Schema, R>(
  schema: S,
  fn: (input: z.output<S>, staff: Staff) => Promise<R | undefined>,
  invalid?: R,
): (formData: FormData) => Promise<R | undefined> {
  return async (formData) => {
    const staff = await requireAdmin();
    const parsed = schema.safeParse(fields(formData));
    if (!parsed.success) return invalid;
    return fn(parsed.data, staff);
  };
}
