// Accepting an invitation: the public page shows the invited address and asks for a name and a
// password. The post is counted against the client's link limit and the link is checked (a cheap
// lookup) before the password is hashed, so a dead or made-up link costs no scrypt; then one
// transaction checks everything again, spends the link with a conditional update and creates the
// account with the invitation's address and role. An invitation is only good while the owner who
// sent it is still an owner. A refused use changes nothing but the activity log.
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "@/lib/activity/record";
import { database } from "@/lib/db/client";
import type { Tx } from "@/lib/db/connection";
import { dialect, users } from "@/lib/db/schema";
import type { UserRole } from "@/lib/db/schema/values";
import { logLine } from "@/lib/log";
import { countLinkPost } from "./link-limits";
import {
  findLink,
  recordRefusal,
  revokeLinks,
  spendLink,
  type LinkLookup,
  type LinkRow,
  type LinkVerdict,
  type RefusalReason,
} from "./one-time-links";
import { hashPassword } from "./password";
import { fieldProblems, newPasswordFields, type FieldProblems } from "./password-rules";

/** What the page shows for a presented invitation link. */
export type InvitationView =
  | { verdict: "usable"; email: string; role: UserRole }
  | { verdict: Exclude<LinkVerdict, "usable"> | "inviter_not_owner" };

/**
 * Whether the invitation's sender still has an account and is still an owner. With `lock`, their
 * row is held (FOR SHARE on PostgreSQL) until the transaction ends, so a removal or demotion
 * (which locks the owner rows first) waits for this acceptance or finds it done.
 */
async function inviterIsOwner(tx: Tx, row: LinkRow, lock: boolean): Promise<boolean> {
  if (row.createdBy === null) return false;
  const query = tx
    .select({ role: users.role })
    .from(users)
    .where(eq(users.id, row.createdBy))
    .limit(1);
  const [inviter] = lock && dialect === "postgresql" ? await query.for("share") : await query;
  return inviter?.role === "owner";
}

export async function viewInvitation(token: unknown, now = new Date()): Promise<InvitationView> {
  return database().run(async (tx): Promise<InvitationView> => {
    const found = await findLink(tx, "invitation", token, now);
    if (found.verdict !== "usable") return { verdict: found.verdict };
    if (!(await inviterIsOwner(tx, found.row, false))) return { verdict: "inviter_not_owner" };
    return { verdict: "usable", email: found.row.email, role: found.row.role ?? "staff" };
  });
}

/** Why this use of the invitation must be refused before anything is written, or null. */
async function refusalOf(
  tx: Tx,
  found: LinkLookup,
  email: string,
  lock: boolean,
): Promise<RefusalReason | null> {
  if (found.verdict !== "usable") return found.verdict;
  if (email !== found.row.email) return "other_address";
  if (!(await inviterIsOwner(tx, found.row, lock))) return "inviter_not_owner";
  return null;
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
  | { ok: false; refused: RefusalReason }
  | { ok: false; retryAfterMinutes: number };

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
  const db = database();
  // Counted and checked before the slow hash: a client over its limit, or a link that cannot be
  // used, is answered at once.
  const gate = await db.transaction(async (tx): Promise<AcceptInvitation | null> => {
    const retryAfterMinutes = await countLinkPost(tx, clientAddress, now);
    if (retryAfterMinutes !== null) {
      logLine({ event: "auth.link_limited", purpose: "invitation" });
      return { ok: false, retryAfterMinutes };
    }
    const found = await findLink(tx, "invitation", token, now);
    const refused = await refusalOf(tx, found, email, false);
    if (!refused) return null;
    await recordRefusal(tx, "invitation", found.row, refused, clientAddress, now);
    return { ok: false, refused };
  });
  if (gate) return gate;
  // The slow hash outside the transaction, so the one below holds its locks for milliseconds only.
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx): Promise<AcceptInvitation> => {
      const found = await findLink(tx, "invitation", token, now);
      const refused = await refusalOf(tx, found, email, true);
      if (refused || !found.row) {
        await recordRefusal(tx, "invitation", found.row, refused ?? "unknown", clientAddress, now);
        return { ok: false, refused: refused ?? "unknown" };
      }
      const row = found.row;
      const spent = await spendLink(tx, row.id, now);
      if (spent !== "spent") {
        await recordRefusal(tx, "invitation", row, spent, clientAddress, now);
        return { ok: false, refused: spent };
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
      await revokeLinks(tx, { purpose: "invitation", email: row.email }, now);
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
      await recordRefusal(tx, "invitation", found.row, error.reason, clientAddress, now);
    });
    return { ok: false, refused: error.reason };
  }
}
