"use server";

// Setting a new password through a reset link (lib/auth/password-reset.ts), then signing in with it.
import { formFields, type LinkFormState } from "@/lib/auth/link-form-state";
import { resetPassword } from "@/lib/auth/password-reset";
import { signInWithNewPassword } from "@/lib/auth/sign-in-after-link";
import { requestAddress } from "@/lib/limits/request-address";

export async function resetPasswordAction(
  _previous: LinkFormState,
  formData: FormData,
): Promise<LinkFormState> {
  const fields = formFields(formData);
  const result = await resetPassword(fields, await requestAddress());
  if (!result.ok)
    return "problems" in result ? { problems: result.problems } : { refused: result.refused };
  return signInWithNewPassword(result.email, fields.password);
}
