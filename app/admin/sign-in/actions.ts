"use server";
// Staff sign-in. Failed attempts are limited per account and per address (lib/auth/throttle.ts);
// every failure gets the same message so the answer never tells which emails exist. signIn()
// redirects by throwing, so only AuthError is caught and everything else is rethrown.
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { safeAdminRedirect } from "@/lib/admin/redirect";
import { signIn } from "@/lib/auth/config";
import { createThrottle } from "@/lib/auth/throttle";
import { credentialsSchema } from "@/lib/auth/users";

export interface SignInState {
  error?: string;
  email?: string;
}

const FAILED = "Email or password is incorrect.";
const throttle = createThrottle();

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const typedEmail = formData.get("email");
  const email = typeof typedEmail === "string" ? typedEmail.slice(0, 254) : "";
  // The account key is what stops guessing: a client can rotate X-Forwarded-For at will (Next
  // keeps the one it is sent), so the address key only slows an honest client or one behind a
  // proxy that sets it. Unknown emails are keyed the same way, so a refusal reveals nothing.
  const address = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
  const keys = [`account:${email.trim().toLowerCase()}`, `address:${address}`];

  const admission = throttle.enter(keys);
  if (!admission.ok) {
    const seconds = Math.ceil(admission.retryAfterMs / 1000);
    return { error: `Too many failed attempts. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`, email };
  }
  try {
    return await attempt(formData, email, keys);
  } finally {
    admission.release();
  }
}

async function attempt(formData: FormData, email: string, keys: string[]): Promise<SignInState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    throttle.fail(keys);
    return { error: FAILED, email };
  }
  const redirectTo = safeAdminRedirect(formData.get("from"));
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      throttle.fail(keys);
      return { error: FAILED, email };
    }
    throw error;
  }
  // Not reached: a successful signIn() redirects by throwing.
  return { error: FAILED, email };
}
