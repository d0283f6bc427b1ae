"use server";

// Accepting an invitation (lib/auth/invitations.ts), then signing the new account in.
import { acceptInvitation } from "@/lib/auth/invitations";
import type { LinkFormState } from "@/lib/auth/link-form-state";
import { signInWithNewPassword } from "@/lib/auth/sign-in-after-link";
import { formFields } from "@/lib/form-fields";
import { requestAddress } from "@/lib/limits/request-address";

export async function acceptInvitationAction(
  _previous: LinkFormState,
  formData: FormData,
): Promise<LinkFormState> {
  const fields = formFields(formData);
  const result = await acceptInvitation(fields, await requestAddress());
  const name = typeof fields.name === "string" ? fields.name.slice(0, 100) : "";
  if (!result.ok) {
    if ("problems" in result) return { problems: result.problems, name };
    if ("refused" in result) return { refused: result.refused, name };
    return { retryAfterMinutes: result.retryAfterMinutes, name };
  }
  return signInWithNewPassword(result.email, fields.password);
}
