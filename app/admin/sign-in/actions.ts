"use server";
// Staff sign-in. Failed attempts from one address are slowed down (lib/auth/throttle.ts); every
// failure gets the same message so the answer never tells which emails exist. signIn() redirects
// by throwing, so only AuthError is caught and everything else is rethrown.
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
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
  const typedEmail = formData.get("email");
  const email = typeof typedEmail === "string" ? typedEmail.slice(0, 254) : "";

  await sleep(throttle.delayFor(ip));

  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    throttle.fail(ip);
    return { error: FAILED, email };
  }
  const redirectTo = safeAdminRedirect(formData.get("from"));
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) {
      throttle.fail(ip);
      return { error: FAILED, email };
    }
    throw error;
  }
  // Not reached: a successful signIn() redirects by throwing.
  return { error: FAILED, email };
}
