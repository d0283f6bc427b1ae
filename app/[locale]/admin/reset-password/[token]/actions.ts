"use server";

// Setting a new password through a reset link (lib/auth/password-reset.ts), then signing in with it.
import type { LinkFormState } from "@/lib/auth/link-form-state";
import { resetPassword } from "@/lib/auth/password-reset";
import { signInWithNewPassword } from "@/lib/auth/sign-in-after-link";
import { formFields } from "@/lib/form-fields";
import { requestAddress } from "@/lib/limits/request-address";

export async function resetPasswordAction(
  _previous: LinkFormState,
  formData: FormData,
): Promise<LinkFormState> {
  const fields = formFields(formData);
  const result = await resetPassword(fields, await requestAddress());
  if (!result.ok) {
    if ("problems" in result) return { problems: result.problems };
    if ("refused" in result) return { refused: result.refused };
    return { retryAfterMinutes: result.retryAfterMinutes };
  }
  return signInWithNewPassword(result.email, fields.password);
}
