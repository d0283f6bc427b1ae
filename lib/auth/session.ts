// When a back-office session ends: a working day after sign-in however much it is used, or at
// the next request once the user's password has changed or the user is gone. Checked on every
// read of the session (Auth.js's jwt callback), so every page, action and /api/auth/session obeys.
import "server-only";
import { eq } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface SessionClaims {
  sub?: string;
  /** Unix ms of the sign-in; never renewed. */
  signedInAt?: unknown;
  /** users.session_version at sign-in. */
  sessionVersion?: unknown;
}

export type SessionVerdict = "valid" | "expired" | "no_user" | "password_changed" | "malformed";

export async function checkSession(
  claims: SessionClaims,
  now = Date.now(),
): Promise<SessionVerdict> {
  const { sub, signedInAt, sessionVersion } = claims;
  if (
    typeof signedInAt !== "number" ||
    typeof sessionVersion !== "number" ||
    !sub ||
    !/^\d{1,15}$/.test(sub)
  )
    return "malformed";
  // A sign-in time in the future is not one we wrote.
  if (now - signedInAt > SESSION_LIFETIME_MS || signedInAt > now + 60_000) return "expired";
  const [user] = await run((db) =>
    db
      .select({ sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, Number(sub)))
      .limit(1),
  );
  if (!user) return "no_user";
  return user.sessionVersion === sessionVersion ? "valid" : "password_changed";
}
