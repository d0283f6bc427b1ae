// Checking a staff member's password: the one place that does it, so every door that signs in
// (the sign-in action, Auth.js's callback route) is limited by the same throttle.
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { database, run } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/limits/client-address";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { recordSignIn, recordSignInFailure } from "./sign-in-activity";
import { admit, signInKeys, succeeded } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

export type CredentialsCheck = { ok: true; user: StaffUser } | { ok: false; retryAfterMs?: number };

// Verifying against a dummy hash (at today's cost) when the email is unknown keeps the timing the
// same, so the answer's speed does not reveal which staff emails exist.
const DUMMY_HASH =
  "scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * Admits the attempt through the throttle (counted before the password is looked at), then checks
 * the password; `request` is the sign-in request, for the client's address behind trusted proxies.
 * Every outcome is an activity entry (lib/auth/sign-in-activity.ts); a success also sets the
 * account's last sign-in.
 */
export async function checkCredentials(
  input: unknown,
  request?: Request,
): Promise<CredentialsCheck> {
  const typed = (input as { email?: unknown } | null)?.email;
  const tried = typeof typed === "string" ? typed : "";
  const address = request ? clientAddress(request.headers, env().TRUSTED_PROXY_HOPS) : null;
  const keys = signInKeys(tried, address);
  const admission = await admit(database(), keys);
  if (!admission.ok) {
    await recordSignInFailure(tried, "throttled", address);
    return { ok: false, retryAfterMs: admission.retryAfterMs };
  }

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    await recordSignInFailure(tried, "unknown", address);
    return { ok: false };
  }
  const [user] = await run((db) =>
    db.select().from(users).where(eq(users.email, parsed.data.email)).limit(1),
  );
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!ok || !user) {
    await recordSignInFailure(tried, user ? "wrong_password" : "unknown", address);
    return { ok: false };
  }

  await succeeded(database(), keys);
  await recordSignIn(user, address);
  if (needsRehash(user.passwordHash)) {
    // The same password at today's cost; conditional, so a password changed meanwhile is kept.
    const upgraded = await hashPassword(parsed.data.password);
    await run((db) =>
      db
        .update(users)
        .set({ passwordHash: upgraded })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash))),
    );
  }
  return {
    ok: true,
    user: {
      id: String(user.id),
      email: user.email,
      name: user.name,
      sessionVersion: user.sessionVersion,
    },
  };
}
