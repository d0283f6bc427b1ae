// The activity entries of signing in and out, written where every door passes: the password check
// (lib/auth/users.ts, under both the sign-in action and Auth.js's callback route) and Auth.js's
// signOut event (lib/auth/config.ts, under both the sign-out action and Auth.js's own route).
import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { MAX_TYPED_TEXT, recordActivity } from "@/lib/activity/record";
import { transaction, type Tx } from "@/lib/db/client";
import { activityLog, users } from "@/lib/db/schema";
import type { UserRole } from "@/lib/db/schema/values";
import { checkSession, type SessionClaims } from "./session";

/** Why a sign-in failed, as the Activity page shows it. */
export type SignInFailure = "wrong_password" | "unknown" | "throttled";

interface Account {
  id: number;
  name: string;
  role: UserRole;
}

/** The account row an email names, if any (lower-cased, as accounts are stored). */
export async function accountByEmail(tx: Tx, email: string): Promise<Account | null> {
  const [row] = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** A right password: the account's last sign-in and its entry, committed together. */
export function recordSignIn(
  account: Account,
  clientAddress: string | null,
  now = new Date(),
): Promise<void> {
  return transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, account.id));
    await recordActivity(tx, {
      actor: account,
      action: "auth.sign_in",
      subject: { type: "account", id: account.id },
      clientAddress,
      at: now,
    });
  });
}

/**
 * A refused sign-in. Nobody is signed in, so there is no actor; the account the email names is
 * the subject when there is one (only signed-in staff read the log, and it tells them whose
 * password is being guessed). The email as typed is kept, trimmed and bounded.
 */
export function recordSignInFailure(
  typedEmail: string,
  reason: SignInFailure,
  clientAddress: string | null,
  now = new Date(),
): Promise<void> {
  const email = typedEmail.trim().slice(0, MAX_TYPED_TEXT);
  return transaction(async (tx) => {
    const account = email ? await accountByEmail(tx, email) : null;
    await recordActivity(tx, {
      actor: null,
      action: "auth.sign_in_failed",
      subject: account ? { type: "account", id: account.id } : null,
      after: { email, reason },
      clientAddress,
      at: now,
    });
  });
}

/**
 * Signing out of a session that is still valid; a session already ended (password changed,
 * account removed, expired) has nobody left to sign out, so it writes nothing.
 */
export async function recordSignOut(
  claims: SessionClaims | null | undefined,
  clientAddress: string | null,
  now = new Date(),
): Promise<boolean> {
  if (!claims || (await checkSession(claims, now.getTime())) !== "valid") return false;
  return transaction(async (tx) => {
    const [account] = await tx
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.id, Number(claims.sub)))
      .limit(1);
    if (!account) return false;
    await recordActivity(tx, {
      actor: account,
      action: "auth.sign_out",
      subject: { type: "account", id: account.id },
      clientAddress,
      at: now,
    });
    return true;
  });
}

/** How often one removed account's leftover session is written down while it keeps knocking. */
export const REMOVED_SESSION_ENTRY_MS = 60 * 60_000;

/**
 * A request carrying the session of an account that was removed: refused (the session ends) and
 * written down as `access.refused`, once an hour per account, so a tab left open, or a cookie in a
 * stranger's hands, shows on the Activity page without filling it.
 */
export function recordRemovedSession(
  accountId: string,
  clientAddress: string | null,
  now = new Date(),
): Promise<void> {
  return transaction(async (tx) => {
    const [recent] = await tx
      .select({ id: activityLog.id })
      .from(activityLog)
      .where(
        and(
          eq(activityLog.subjectType, "account"),
          eq(activityLog.subjectId, accountId),
          eq(activityLog.action, "access.refused"),
          gt(activityLog.createdAt, new Date(now.getTime() - REMOVED_SESSION_ENTRY_MS)),
        ),
      )
      .limit(1);
    if (recent) return;
    await recordActivity(tx, {
      actor: null,
      action: "access.refused",
      subject: { type: "account", id: accountId },
      after: { reason: "account_removed" },
      clientAddress,
      at: now,
    });
  });
}
