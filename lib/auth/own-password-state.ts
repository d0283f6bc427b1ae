// What the change-password action answers its form. Pure: the client form imports the type.
import type { FieldProblems } from "./password-rules";

export interface ChangePasswordState {
  /** Keys: `current` → "wrongPassword" | "required"; the new password's under admin.password.errors. */
  problems?: FieldProblems;
  retryAfterMs?: number;
}

/** Where a changed password lands: the account page, saying so (a crafted link only shows the note). */
export const ACCOUNT_CHANGED_PATH = "/admin/account?changed=1";
