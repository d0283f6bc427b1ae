"use server";

// Staff sign-in. The password check and its limit live behind signIn() (lib/auth/users.ts), so
// this action and Auth.js's own callback route are limited alike. Every wrong password gets the
// same message, so the answer never tells which emails exist. signIn() redirects by throwing, so
// only AuthError is caught and everything else is rethrown. The refusal is worded here, in the
// staff member's language (admin.signIn).
import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { safeAdminRedirect } from "@/lib/admin/redirect";
import { signIn, SignInThrottled, type SignInState } from "@/lib/auth/config";
import { retryAfterSeconds } from "@/lib/auth/throttle";

export async function signInAction(
  _previous: SignInState,
  formData: FormData,
): Promise<SignInState> {
  const typed = formData.get("email");
  const password = formData.get("password");
  const email = typeof typed === "string" ? typed.slice(0, 254) : "";
  const redirectTo = safeAdminRedirect(formData.get("from"));
  const t = await getTranslations("admin.signIn");
  try {
    await signIn("credentials", {
      email,
      password: typeof password === "string" ? password : "",
      redirectTo,
    });
  } catch (error) {
    if (error instanceof SignInThrottled)
      return { error: t("throttled", { seconds: retryAfterSeconds(error.retryAfterMs) }), email };
    if (error instanceof AuthError) return { error: t("failed"), email };
    throw error;
  }
  // Not reached: a successful signIn() redirects by throwing.
  return { error: t("failed"), email };
}
