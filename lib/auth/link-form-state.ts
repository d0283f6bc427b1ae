// What the one-time-link and password forms' actions answer their forms: field problems (message
// keys), why the link was refused, or how long a client over the link limit must wait. Pure: the
// client forms import it (the reason's type only, erased from the bundle).
import type { RefusalReason } from "./one-time-links";
import type { FieldProblems } from "./password-rules";

export interface LinkFormState {
  problems?: FieldProblems;
  /** Why the link could not be used, as the forms word it (admin.invitation / admin.reset). */
  refused?: RefusalReason;
  /** Too many link posts from this client address: minutes until the next is accepted. */
  retryAfterMinutes?: number;
  /** The name typed, kept across a refused attempt (passwords never are). */
  name?: string;
}
