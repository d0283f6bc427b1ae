// What the one-time-link and password forms' actions answer their forms: field problems (message
// keys) or why the link was refused. Pure: the client forms import the type.
import type { FieldProblems } from "./password-rules";

/** Why a link could not be used, as the forms word it (admin.invitation / admin.reset). */
export type LinkRefusal =
  "used" | "expired" | "revoked" | "unknown" | "other_address" | "account_exists" | "no_account";

export interface LinkFormState {
  problems?: FieldProblems;
  refused?: LinkRefusal;
  /** The name typed, kept across a refused attempt (passwords never are). */
  name?: string;
}

/** The form's fields by name; a name sent twice keeps its first value, as FormData.get() does. */
export function formFields(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, value] of formData) if (!(name in out)) out[name] = value;
  return out;
}
