// After a link set a password (an invitation accepted, a reset), the person is signed in with it
// at once, through the ordinary sign-in (and its throttle). Should that refuse, they land on the
// sign-in page, where the password they just chose works.
import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { SIGN_IN_PATH, signIn } from "./config";

export async function signInWithNewPassword(email: string, password: unknown): Promise<never> {
  try {
    await signIn("credentials", {
      email,
      password: typeof password === "string" ? password : "",
      redirectTo: "/admin",
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  redirect(SIGN_IN_PATH);
}
