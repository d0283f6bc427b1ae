// Accepting an invitation: the public page shows the invited address and asks for a name and a
// password; the post re-checks everything in one transaction, spends the link with a conditional
// update and creates the account with the invitation's address and role. A refused use changes
// nothing but the activity log.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { database } from "@/lib/db/client";
import { accountTokens, users } from "@/lib/db/schema";
import type { UserRole } from "@/lib/db/schema/values";
import { logLine } from "@/lib/log";
import {
  findLink,
  recordRefusal,
  spendLink,
  type LinkVerdict,
  type RefusalReason,
} from "./one-time-links";
import { hashPassword } from "./password";
import { fieldProblems, newPasswordFields, type FieldProblems } from "./password-rules";

/** What the page shows for a presented invitation link. */
export type InvitationView =
  | { verdict: "usable"; email: string; role: UserRole }
  | { verdict: Exclude<LinkVerdict, "usable"> };

export async function viewInvitation(token: unknown, now = new Date()): Promise<InvitationView> {
  const found = await database().run((tx) => findLink(tx, "invitation", token, now));
  if (found.verdict !== "usable") return { verdict: found.verdict };
  return { verdict: "usable", email: found.row.email, role: found.row.role ?? "staff" };
}

export const invitationForm = z
  .object({
    token: z.string().max(100),
    email: z.string().trim().toLowerCase().max(254),
    name: z.string().trim().min(1, "nameRequired").max(100, "nameTooLong"),
  })
  .and(newPasswordFields);

export type AcceptInvitation =
  | { ok: true; email: string }
  | { ok: false; problems: FieldProblems }
  | { ok: false; refused: RefusalReason };

class Refused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

export async function acceptInvitation(
  form: Record<string, unknown>,
  clientAddress: string | null,
  now = new Date(),
): Promise<AcceptInvitation> {
  const parsed = invitationForm.safeParse(form);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error) };
  const { token, email, name, password } = parsed.data;
  // The slow hash first, so the transaction below holds its locks for milliseconds only.
  const passwordHash = await hashPassword(password);
  const db = database();
  try {
    return await db.transaction(async (tx): Promise<AcceptInvitation> => {
      const found = await findLink(tx, "invitation", token, now);
      if (!found.row) {
        logLine({ event: "auth.link_refused", purpose: "invitation", reason: "unknown" });
        return { ok: false, refused: "unknown" };
      }
      const row = found.row;
      if (email !== row.email) {
        await recordRefusal(tx, row, "other_address", null, clientAddress, now);
        return { ok: false, refused: "other_address" };
      }
      if (!(await spendLink(tx, row.id, now))) {
        const verdict = found.verdict === "usable" ? "used" : found.verdict;
        await recordRefusal(tx, row, verdict, null, clientAddress, now);
        return { ok: false, refused: verdict };
      }
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, row.email))
        .limit(1);
      // Thrown, so the link stays unspent: the refusal is written in a transaction of its own.
      if (existing) throw new Refused("account_exists");
      const role = row.role ?? "staff";
      const [user] = await tx
        .insert(users)
        .values({ email: row.email, name, passwordHash, role, createdAt: now })
        .returning({ id: users.id });
      // Other invitations to the same address can no longer be used for anything.
      await tx
        .update(accountTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(accountTokens.purpose, "invitation"),
            eq(accountTokens.email, row.email),
            isNull(accountTokens.usedAt),
            isNull(accountTokens.revokedAt),
          ),
        );
      await recordActivity(tx, {
        actor: { id: user!.id, name, role },
        action: "account.invitation_accepted",
        subject: { type: "account", id: user!.id },
        after: { email: row.email, name, role, invitation: row.id },
        clientAddress,
        at: now,
      });
      return { ok: true, email: row.email };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await db.transaction(async (tx) => {
      const found = await findLink(tx, "invitation", token, now);
      if (found.row) await recordRefusal(tx, found.row, error.reason, null, clientAddress, now);
    });
    return { ok: false, refused: error.reason };
  }
}
