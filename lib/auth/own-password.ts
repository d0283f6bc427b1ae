// A signed-in person changes their own password. The current password is checked through the
// sign-in throttle (the same counters, so this form is no side door for guessing it), the change
// raises session_version (every session ends) and revokes the account's reset links still out in
// the transaction that writes its activity entry, and the caller then signs this browser in again
// under the new version.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { Staff } from "./guard";
import { revokeLinks } from "./one-time-links";
import { hashPassword, verifyPassword } from "./password";
import { fieldProblems, newPasswordFields, type FieldProblems } from "./password-rules";
import { admit, signInKeys, succeeded } from "./throttle";

export const changePasswordForm = z
  .object({ current: z.string().min(1, "required").max(200, "required") })
  .and(newPasswordFields);

export type ChangePassword =
  | { ok: true }
  | { ok: false; problems: FieldProblems }
  | { ok: false; wrongPassword: true }
  | { ok: false; retryAfterMs: number };

export async function changeOwnPassword(
  staff: Staff,
  form: Record<string, unknown>,
  clientAddress: string | null,
  now = new Date(),
): Promise<ChangePassword> {
  const parsed = changePasswordForm.safeParse(form);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error) };
  const db = database();
  const keys = signInKeys(staff.email, clientAddress);
  const admission = await admit(db, keys, now);
  if (!admission.ok) return { ok: false, retryAfterMs: admission.retryAfterMs };
  const [row] = await db.run((tx) =>
    tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, staff.id))
      .limit(1),
  );
  if (!row || !(await verifyPassword(parsed.data.current, row.passwordHash)))
    return { ok: false, wrongPassword: true };
  await succeeded(db, keys);
  const passwordHash = await hashPassword(parsed.data.password);
  const changed = await db.transaction(async (tx) => {
    // Conditional on the hash just checked: a password changed meanwhile (another tab, a reset) wins.
    const updated = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, staff.id), eq(users.passwordHash, row.passwordHash)))
      .returning({ sessionVersion: users.sessionVersion });
    if (updated.length === 0) return false;
    // A reset link still out would undo the change (OWASP ASVS): it ends with the old password.
    await revokeLinks(tx, { purpose: "password_reset", userId: staff.id }, now);
    await recordActivity(tx, {
      actor: staff,
      action: "auth.password_changed",
      subject: { type: "account", id: staff.id },
      after: { sessionVersion: updated[0]!.sessionVersion },
      clientAddress,
      at: now,
    });
    return true;
  });
  return changed ? { ok: true } : { ok: false, wrongPassword: true };
}
