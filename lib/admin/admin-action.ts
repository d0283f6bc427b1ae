// The one shape of a back-office server action: check the session (requireAdmin() redirects to
// sign-in when there is none), check the role the action needs, parse the form with the action's
// zod schema, and only then call the action's body with what parsed. A role that may not use the
// action gets 403 (Next's forbidden()) with nothing changed, and the refusal is an activity entry,
// whatever the page showed: a replayed or hand-made request is refused the same way. A form that
// does not parse gets the action's own answer (`invalid`; nothing for actions that answer
// nothing). Sign-in, sign-out and the one-time links are not behind the session and do not use it.
import "server-only";
import { forbidden } from "next/navigation";
import type { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { requireAdmin, type Staff } from "@/lib/auth/guard";
import { allows } from "@/lib/auth/roles";
import { database } from "@/lib/db/client";
import type { ActivityAction, UserRole } from "@/lib/db/schema/values";
import { formFields } from "@/lib/form-fields";
import { requestAddress } from "@/lib/limits/request-address";

type Schema = z.ZodType<unknown, Record<string, unknown>>;

/** What an action states about itself: its name in the activity log, the role it needs, its form. */
export interface ActionRule<S extends Schema> {
  action: ActivityAction;
  role: UserRole;
  input: S;
}

/** Who is acting: the body writes it into the activity entry of its change. */
export interface ActedBy {
  staff: Staff;
  clientAddress: string | null;
}

export function adminAction<S extends Schema>(
  rule: ActionRule<S>,
  fn: (input: z.output<S>, by: ActedBy) => Promise<void>,
): (formData: FormData) => Promise<void>;
export function adminAction<S extends Schema, R>(
  rule: ActionRule<S>,
  fn: (input: z.output<S>, by: ActedBy) => Promise<R>,
  invalid: R,
): (formData: FormData) => Promise<R>;
export function adminAction<S extends Schema, R>(
  rule: ActionRule<S>,
  fn: (input: z.output<S>, by: ActedBy) => Promise<R | undefined>,
  invalid?: R,
): (formData: FormData) => Promise<R | undefined> {
  return async (formData) => {
    const staff = await requireAdmin();
    const clientAddress = await requestAddress();
    if (!allows(staff.role, rule.role)) {
      await database().transaction((tx) =>
        recordActivity(tx, {
          actor: staff,
          action: "access.refused",
          after: { action: rule.action, needs: rule.role },
          clientAddress,
        }),
      );
      forbidden();
    }
    const parsed = rule.input.safeParse(formFields(formData));
    if (!parsed.success) return invalid;
    return fn(parsed.data, { staff, clientAddress });
  };
}
