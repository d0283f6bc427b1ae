// What the change-password action answers its form. Pure: the client form imports the type.
import type { FieldProblems } from "./password-rules";

export interface ChangePasswordState {
  changed?: boolean;
  /** Keys: `current` → "wrongPassword" | "required"; the new password's under admin.password.errors. */
  problems?: FieldProblems;
  retryAfterMs?: number;
}
