// The Accounts page's forms: the invite form's schema, which the browser checks before sending
// and the server action checks again (the browser is never trusted), and the answers the actions
// give. Every error is a key under admin.accounts.errors, worded in the owner's language by the
// form. Pure: the client form imports it.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import { z } from "zod";
import { userRoles } from "@/lib/db/schema/values";
import { locales } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

// zod 4 probes for `new Function` to speed up object parsing; under the Content-Security-Policy
// (no 'unsafe-eval') that probe is a violation in the browser, where the interpreter is enough.
if (typeof window !== "undefined") z.config({ jitless: true });

type ErrorMessages = Messages["admin"]["accounts"]["errors"];
/** A message key under admin.accounts.errors, e.g. "email.invalid". */
export type AccountsErrorKey = MessageKeys<ErrorMessages, NestedKeyOf<ErrorMessages>>;

const ownKeys = new Set<string>(["invalid"]);
/** The key as zod's message, remembered so inviteFieldErrors can tell ours from zod's own texts. */
function key(k: AccountsErrorKey): AccountsErrorKey {
  ownKeys.add(k);
  return k;
}

/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX = 254;

export const inviteSchema = z.object({
  // Lower-cased: users.email and account_tokens.email hold addresses lower-cased.
  email: z
    .string({ error: key("email.required") })
    .trim()
    .min(1, key("email.required"))
    .max(EMAIL_MAX, key("email.tooLong"))
    .pipe(z.email(key("email.invalid")))
    .transform((email) => email.toLowerCase()),
  role: z.enum(userRoles, { error: key("role.invalid") }),
  locale: z.enum(locales, { error: key("locale.invalid") }),
});

export type InviteInput = z.input<typeof inviteSchema>;
export type Invite = z.output<typeof inviteSchema>;

export type InviteField = keyof Invite;
export type InviteFieldErrors = Partial<Record<InviteField, AccountsErrorKey>>;

/** zod's issues as one message key per field (the first); zod's own wording becomes "invalid". */
export function inviteFieldErrors(error: z.ZodError): InviteFieldErrors {
  const out: InviteFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field !== "email" && field !== "role" && field !== "locale") continue;
    out[field] ??= ownKeys.has(issue.message) ? (issue.message as AccountsErrorKey) : "invalid";
  }
  return out;
}

/** What the invite action answers: sent (to the normalised address), or what is wrong, by field. */
export type InviteResult =
  { ok: true; email: string } | { ok: false; fieldErrors: InviteFieldErrors; email?: string };

/** What the role, remove and revoke actions answer: a key under admin.accounts.result. */
export type AccountChangeResult =
  "changed" | "unchanged" | "removed" | "revoked" | "lastOwner" | "gone" | "notPending" | "invalid";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const changeRoleSchema = z.object({ userId: id, role: z.enum(userRoles) });
export const removeAccountSchema = z.object({ userId: id });
export const revokeInvitationSchema = z.object({ invitationId: id });
