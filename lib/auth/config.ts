// next-auth for the merchant back office: staff sign in with email and password (users table),
// sessions are signed, httpOnly JWT cookies. A session lasts a working day from sign-in and ends
// early when the password changes or the user is removed (lib/auth/session.ts).
import "server-only";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { requestAddress } from "@/lib/limits/request-address";
import { logError, logLine } from "@/lib/log";
import { checkSession, SESSION_LIFETIME_MS } from "./session";
import { recordRemovedSession, recordSignOut } from "./sign-in-activity";
import { checkCredentials } from "./users";

export const SIGN_IN_PATH = "/admin/sign-in";

/** What the sign-in action answers the sign-in form: the refusal (already worded in the staff member's language), and the email to keep. */
export interface SignInState {
  error?: string;
  email?: string;
}

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    signedInAt?: number;
    sessionVersion?: number;
  }
}

/**
 * The throttle refused the attempt before any password was checked. Its code goes into the
 * redirect of Auth.js's own route (`?code=throttled_12`), so even that door says how long to wait.
 */
export class SignInThrottled extends CredentialsSignin {
  constructor(readonly retryAfterMs: number) {
    super();
    this.code = `throttled_${Math.max(1, Math.ceil(retryAfterMs / 1000))}`;
  }
}

// Auth.js builds every URL it redirects to (after sign-in and sign-out, its error and sign-in
// pages) from AUTH_URL, else from the request's X-Forwarded-Host or Host and X-Forwarded-Proto,
// which any client can write: the shop's links come from APP_BASE_URL (checked by lib/startup.ts),
// so AUTH_URL is always its origin. Unset only while `next build` reads this module.
const appBaseUrl = process.env.APP_BASE_URL;
if (appBaseUrl && URL.canParse(appBaseUrl)) process.env.AUTH_URL = new URL(appBaseUrl).origin;

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Always on, so there is no AUTH_TRUST_HOST to set: Auth.js refuses every request under
  // `next start` unless it trusts the host. With AUTH_URL set (above) it never reads the request's
  // Host or X-Forwarded-* for its URLs.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_MS / 1000 },
  pages: { signIn: SIGN_IN_PATH },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const result = await checkCredentials(credentials, request);
        if (result.ok) return result.user;
        if (result.retryAfterMs) throw new SignInThrottled(result.retryAfterMs);
        return null;
      },
    }),
  ],
  logger: {
    error(error) {
      const type = error instanceof AuthError ? error.type : error.name;
      // A wrong password is an expected outcome (the sign-in throttle counts it): one line, not a
      // stack trace per failed attempt.
      if (type === "CredentialsSignin")
        logLine({ event: "auth.sign_in_failed", code: (error as CredentialsSignin).code });
      // A session cookie that does not decode (forged, or signed with an old secret): treated as
      // signed out; one line with the reason, not a stack trace per request.
      else if (type === "JWTSessionError")
        logLine({
          event: "auth.session_rejected",
          reason: String(
            (error.cause as { err?: Error } | undefined)?.err?.message ?? error.message,
          ),
        });
      else
        logError({ event: "auth.error", type, message: error.message, stack: error.stack ?? null });
    },
  },
  events: {
    // Fired by every way out (the sign-out action's signOut(), Auth.js's own sign-out route), with
    // the session's token; signing in is recorded by the password check (lib/auth/users.ts).
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      await recordSignOut(token, await requestAddress());
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // Signing in: the time and the password's version are fixed into the token for good.
        return { ...token, signedInAt: Date.now(), sessionVersion: user.sessionVersion };
      }
      const verdict = await checkSession(token);
      if (verdict === "valid") return token;
      logLine({ event: "auth.session_ended", reason: verdict, user: token.sub ?? null });
      if (verdict === "no_user" && token.sub)
        await recordRemovedSession(token.sub, await requestAddress());
      // null clears the cookie: the request is treated as signed out.
      return null;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
