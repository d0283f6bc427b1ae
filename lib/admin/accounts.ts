// The Accounts page (owners only): who can sign in, the invitations still out, and the four
// changes an owner makes: invite, revoke an invitation, change a role, remove an account. Each
// change is one transaction with its activity entry, and each starts by locking every owner row
// (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already runs one writer at a time),
// so account changes happen one after another: two owners demoting each other at once leave one
// owner, never none, and someone demoted a moment ago can no longer change anything here.
//
// An owner may demote or remove themselves while another owner remains (handing the shop over);
// the change counts from their next request, like any other.
import "server-only";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import type { ActedBy } from "@/lib/admin/admin-action";
import { tokenVerdict } from "@/lib/auth/account-tokens";
import { issueLink, revokeLinks } from "@/lib/auth/one-time-links";
import { run, transaction, type Tx } from "@/lib/db/client";
import { accountTokens, dialect, users } from "@/lib/db/schema";
import type { ActivityAction, UserRole } from "@/lib/db/schema/values";
import type { Locale } from "@/lib/i18n/locales";
import type { AccountChangeResult, Invite, InviteResult } from "./account-schema";

/** The actor was an owner when the request began but is not one now: 403, as adminAction does. */
export type Refused = "forbidden";

/** Invitations older than this drop off the page (the activity log keeps them). */
export const INVITATIONS_SHOWN_DAYS = 30;

export interface PersonRow {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  lastSignInAt: Date | null;
  createdAt: Date;
}

export type InvitationState = "invited" | "expired" | "revoked";

export interface InvitationRow {
  id: number;
  email: string;
  role: UserRole;
  locale: Locale;
  state: InvitationState;
  /** The inviter's name now; null when that account has been removed. */
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function listAccounts(
  now = new Date(),
): Promise<{ people: PersonRow[]; invitations: InvitationRow[] }> {
  const since = new Date(now.getTime() - INVITATIONS_SHOWN_DAYS * 24 * 60 * 60_000);
  const [people, tokens] = await run(async (db) => [
    await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        lastSignInAt: users.lastSignInAt,
        createdAt: users.createdAt,
      })
      .from(users)
      // Owners first ("owner" sorts before "staff"), then by name.
      .orderBy(asc(users.role), asc(users.name), asc(users.id)),
    await db
      .select()
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.purpose, "invitation"),
          isNull(accountTokens.usedAt),
          gt(accountTokens.createdAt, since),
        ),
      )
      .orderBy(desc(accountTokens.createdAt), desc(accountTokens.id))
      .limit(500),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const hasAccount = new Set(people.map((p) => p.email));
  const seen = new Set<string>();
  const invitations: InvitationRow[] = [];
  // Only each address's newest invitation: re-inviting revoked the older ones, which would only
  // repeat the address.
  for (const token of tokens) {
    if (seen.has(token.email) || hasAccount.has(token.email)) continue;
    seen.add(token.email);
    const verdict = tokenVerdict(token, now);
    if (verdict === "used") continue;
    invitations.push({
      id: token.id,
      email: token.email,
      role: token.role ?? "staff",
      locale: token.locale,
      state: verdict === "usable" ? "invited" : verdict,
      invitedBy: token.createdBy === null ? null : (names.get(token.createdBy) ?? null),
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
    });
  }
  return { people, invitations };
}

/** Every owner row, locked until `tx` ends (PostgreSQL), in id order so lockers never wait in a ring. */
async function lockOwners(tx: Tx): Promise<number[]> {
  const query = tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "owner"))
    .orderBy(asc(users.id));
  const rows = dialect === "postgresql" ? await query.for("update") : await query;
  return rows.map((r) => r.id);
}

/**
 * The owners, locked, when `by` is still one of them; otherwise the refusal is recorded (as
 * adminAction records one) and null is answered.
 */
async function ownersIfStillOwner(
  tx: Tx,
  by: ActedBy,
  action: ActivityAction,
): Promise<number[] | null> {
  const owners = await lockOwners(tx);
  if (owners.includes(by.staff.id)) return owners;
  await recordActivity(tx, {
    actor: by.staff,
    action: "access.refused",
    after: { action, needs: "owner", reason: "no longer an owner" },
    clientAddress: by.clientAddress,
  });
  return null;
}

/**
 * Invites `input.email`: an account_tokens row (only the token's hash), its email in the outbox and
 * an `account.invited` entry, in one transaction. An address with an account is refused, nothing
 * written; an address with an invitation still out gets a new one and the older is revoked, so
 * only the newest link works.
 */
export async function inviteAccount(
  input: Invite,
  by: ActedBy,
  now = new Date(),
): Promise<InviteResult | Refused> {
  const { email, role, locale } = input;
  return transaction(async (tx) => {
    if (!(await ownersIfStillOwner(tx, by, "account.invited"))) return "forbidden";
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    if (existing) return { ok: false, fieldErrors: { email: "email.taken" }, email };

    const token = await issueLink(
      tx,
      { purpose: "invitation", email, role, locale, createdBy: by.staff.id },
      now,
    );
    const replaced = await revokeLinks(
      tx,
      { purpose: "invitation", email, except: token, unexpired: true },
      now,
    );
    await recordRevocations(tx, replaced, { replacedBy: token }, by, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "account.invited",
      subject: { type: "invitation", id: token },
      after: { email, role, locale },
      clientAddress: by.clientAddress,
      at: now,
    });
    return { ok: true, email };
  });
}

/** Revokes an invitation still out: its link then says "revoked". */
export async function revokeInvitation(
  invitationId: number,
  by: ActedBy,
  now = new Date(),
): Promise<AccountChangeResult | Refused> {
  return transaction(async (tx) => {
    if (!(await ownersIfStillOwner(tx, by, "account.invitation_revoked"))) return "forbidden";
    const [row] = await revokeLinks(
      tx,
      { purpose: "invitation", id: invitationId, unexpired: true },
      now,
    );
    if (!row) {
      const [exists] = await tx
        .select({ id: accountTokens.id })
        .from(accountTokens)
        .where(and(eq(accountTokens.id, invitationId), eq(accountTokens.purpose, "invitation")));
      return exists ? "notPending" : "gone";
    }
    await recordRevocations(tx, [row], { revoked: true }, by, now);
    return "revoked";
  });
}

/** One `account.invitation_revoked` entry per revoked invitation, with why it was revoked. */
async function recordRevocations(
  tx: Tx,
  revoked: { id: number; email: string; role: UserRole | null }[],
  after: Record<string, unknown>,
  by: ActedBy,
  now: Date,
): Promise<void> {
  for (const invitation of revoked)
    await recordActivity(tx, {
      actor: by.staff,
      action: "account.invitation_revoked",
      subject: { type: "invitation", id: invitation.id },
      before: { email: invitation.email, role: invitation.role },
      after,
      clientAddress: by.clientAddress,
      at: now,
    });
}

/** An invitation speaks for its sender: theirs still out end when they stop being an owner. */
async function revokeInvitationsBy(
  tx: Tx,
  inviterId: number,
  reason: "inviter_removed" | "inviter_demoted",
  by: ActedBy,
  now: Date,
): Promise<void> {
  const revoked = await revokeLinks(
    tx,
    { purpose: "invitation", createdBy: inviterId, unexpired: true },
    now,
  );
  await recordRevocations(tx, revoked, { reason }, by, now);
}

async function person(tx: Tx, userId: number) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/**
 * Changes an account's role; demoting the last owner is refused. An owner who becomes staff can no
 * longer invite, so their invitations still out are revoked with the change.
 */
export async function changeRole(
  userId: number,
  role: UserRole,
  by: ActedBy,
  now = new Date(),
): Promise<AccountChangeResult | Refused> {
  return transaction(async (tx) => {
    const owners = await ownersIfStillOwner(tx, by, "account.role_changed");
    if (!owners) return "forbidden";
    const target = await person(tx, userId);
    if (!target) return "gone";
    if (target.role === role) return "unchanged";
    if (target.role === "owner" && owners.length <= 1) return "lastOwner";
    const changed = await tx
      .update(users)
      .set({ role })
      .where(and(eq(users.id, userId), eq(users.role, target.role)))
      .returning({ id: users.id });
    if (changed.length === 0) return "gone";
    if (target.role === "owner" && role !== "owner")
      await revokeInvitationsBy(tx, userId, "inviter_demoted", by, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "account.role_changed",
      subject: { type: "account", id: userId },
      before: { email: target.email, role: target.role },
      after: { email: target.email, role },
      clientAddress: by.clientAddress,
      at: now,
    });
    return "changed";
  });
}

/**
 * Deletes an account's row: its sessions end at their next request (lib/auth/session.ts finds no
 * user), its activity entries keep the name they were written with, and any reset link it had
 * stops working, and so does every invitation it sent. Removing the last owner is refused.
 */
export async function removeAccount(
  userId: number,
  by: ActedBy,
  now = new Date(),
): Promise<AccountChangeResult | Refused> {
  return transaction(async (tx) => {
    const owners = await ownersIfStillOwner(tx, by, "account.removed");
    if (!owners) return "forbidden";
    const target = await person(tx, userId);
    if (!target) return "gone";
    if (target.role === "owner" && owners.length <= 1) return "lastOwner";
    const removed = await tx
      .delete(users)
      .where(and(eq(users.id, userId), eq(users.role, target.role)))
      .returning({ id: users.id });
    if (removed.length === 0) return "gone";
    await revokeLinks(tx, { purpose: "password_reset", userId }, now);
    await revokeInvitationsBy(tx, userId, "inviter_removed", by, now);
    await recordActivity(tx, {
      actor: by.staff,
      action: "account.removed",
      subject: { type: "account", id: userId },
      before: { email: target.email, name: target.name, role: target.role },
      clientAddress: by.clientAddress,
      at: now,
    });
    return "removed";
  });
}
