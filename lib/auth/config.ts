// next-auth for the merchant back office: staff sign in with email and password (users table),
// sessions are signed, httpOnly JWT cookies that expire after a working day.
import "server-only";
import NextAuth, { AuthError } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { logError, logLine } from "@/lib/log";
import { verifyCredentials } from "./users";

export const SIGN_IN_PATH = "/admin/sign-in";

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => verifyCredentials(credentials),
    }),
  ],
  logger: {
    error(error) {
      const type = error instanceof AuthError ? error.type : error.name;
      // A wrong password is an expected outcome (the sign-in throttle counts it): one line, not a
      // stack trace per failed attempt.
      if (type === "CredentialsSignin") logLine({ event: "auth.sign_in_failed" });
      else logError({ event: "auth.error", type, message: error.message, stack: error.stack ?? null });
    },
  },
  callbacks: {
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
