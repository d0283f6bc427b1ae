// Issuing, reading, spending and revoking one-time links (an invitation or a password reset): the
// shared half of lib/admin/accounts.ts, lib/auth/invitations.ts and lib/auth/password-reset.ts. A
// presented token is looked up by its SHA-256, so the lookup's timing tells nothing about the
// token itself; sameHash then confirms the match as a belt-and-braces check. A link is spent by one
// conditional update, so two uses of the same link (two tabs, a replay) can never both succeed.
// Nothing here logs a token or a link.
import "server-only";
import { and, eq, gt, isNull, ne, type SQL } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import {
  deriveToken,
  hashToken,
  lookupHash,
  newNonce,
  sameHash,
  TOKEN_LIFETIME_MS,
  tokenVerdict,
  type TokenVerdict,
} from "@/lib/auth/account-tokens";
import type { Tx } from "@/lib/db/connection";
import { accountTokens, emailOutbox } from "@/lib/db/schema";
import type { AccountTokenPurpose, UserRole } from "@/lib/db/schema/values";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { logLine } from "@/lib/log";

export type LinkRow = typeof accountTokens.$inferSelect;

/** What a page or an action knows of a presented link: its row when there is one, and its verdict. */
export type LinkLookup =
  { verdict: TokenVerdict; row: LinkRow } | { verdict: "unknown"; row: null };

export type LinkVerdict = LinkLookup["verdict"];

/** A link to send: an invitation (with its role and inviter) or a reset (with its account). */
export type NewLink =
  | { purpose: "invitation"; email: string; role: UserRole; createdBy: number; locale: Locale }
  | { purpose: "password_reset"; email: string; userId: number; locale: Locale };

/**
 * The link's row (only its token's hash) and its email in the outbox, in the caller's
 * transaction; the row's id. The sender derives the token again when it renders the email.
 */
export async function issueLink(tx: Tx, link: NewLink, now: Date): Promise<number> {
  const nonce = newNonce();
  const [row] = await tx
    .insert(accountTokens)
    .values({
      purpose: link.purpose,
      email: link.email,
      role: link.purpose === "invitation" ? link.role : null,
      userId: link.purpose === "password_reset" ? link.userId : null,
      createdBy: link.purpose === "invitation" ? link.createdBy : null,
      tokenHash: hashToken(deriveToken(env().AUTH_SECRET, link.purpose, nonce)),
      nonce,
      locale: link.locale,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[link.purpose]),
      createdAt: now,
    })
    .returning({ id: accountTokens.id });
  await tx.insert(emailOutbox).values({
    kind: link.purpose === "invitation" ? "staff_invitation" : "password_reset",
    accountTokenId: row!.id,
    recipient: link.email,
    cause: `token:${row!.id}`,
    nextAttemptAt: now,
    createdAt: now,
  });
  return row!.id;
}

/** Which links to revoke; every given field must match. */
export interface LinkSelection {
  purpose?: AccountTokenPurpose;
  id?: number;
  email?: string;
  userId?: number;
  createdBy?: number;
  /** Leaves this link alone (the one just issued). */
  except?: number;
  /** Only links not yet expired (expired ones already say "expired"). */
  unexpired?: boolean;
}

/** Revokes the selected links that are still unused and unrevoked; the rows it revoked. */
export async function revokeLinks(
  tx: Tx,
  where: LinkSelection,
  now: Date,
): Promise<{ id: number; email: string; role: UserRole | null }[]> {
  const conditions: (SQL | undefined)[] = [
    isNull(accountTokens.usedAt),
    isNull(accountTokens.revokedAt),
    where.purpose === undefined ? undefined : eq(accountTokens.purpose, where.purpose),
    where.id === undefined ? undefined : eq(accountTokens.id, where.id),
    where.email === undefined ? undefined : eq(accountTokens.email, where.email),
    where.userId === undefined ? undefined : eq(accountTokens.userId, where.userId),
    where.createdBy === undefined ? undefined : eq(accountTokens.createdBy, where.createdBy),
    where.except === undefined ? undefined : ne(accountTokens.id, where.except),
    where.unexpired ? gt(accountTokens.expiresAt, now) : undefined,
  ];
  return tx
    .update(accountTokens)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: accountTokens.id, email: accountTokens.email, role: accountTokens.role });
}

export async function findLink(
  tx: Tx,
  purpose: AccountTokenPurpose,
  presented: unknown,
  now: Date,
): Promise<LinkLookup> {
  const hash = lookupHash(presented);
  if (!hash) return { verdict: "unknown", row: null };
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hash), eq(accountTokens.purpose, purpose)))
    .limit(1);
  if (!row || !sameHash(row.tokenHash, hash)) return { verdict: "unknown", row: null };
  return { verdict: tokenVerdict(row, now), row };
}

/**
 * Marks the link used if, at this instant, it is still unused, unrevoked and unexpired: the one
 * write that decides. Otherwise the row is read again and the answer is why it no longer works
 * (another use, a revocation or the clock got there first).
 */
export async function spendLink(
  tx: Tx,
  id: number,
  now: Date,
): Promise<"spent" | Exclude<TokenVerdict, "usable">> {
  const spent = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.id, id),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning({ id: accountTokens.id });
  if (spent.length === 1) return "spent";
  const [row] = await tx.select().from(accountTokens).where(eq(accountTokens.id, id));
  const verdict = row ? tokenVerdict(row, now) : "revoked";
  return verdict === "usable" ? "used" : verdict;
}

/** Why a link was refused when someone tried to use it. */
export type RefusalReason =
  | Exclude<LinkVerdict, "usable">
  | "other_address"
  | "account_exists"
  | "no_account"
  | "inviter_not_owner";

/**
 * Records a refused use: an activity entry with the link's row id and why, never the token; a
 * token that matches no row is only a log line (it names nothing to record against).
 */
export async function recordRefusal(
  tx: Tx,
  purpose: AccountTokenPurpose,
  row: LinkRow | null,
  reason: RefusalReason,
  clientAddress: string | null,
  now: Date,
): Promise<void> {
  if (!row) {
    logLine({ event: "auth.link_refused", purpose, reason });
    return;
  }
  await recordActivity(tx, {
    actor: null,
    action: "auth.link_refused",
    // A reset is about its account (when it still names one); a token id is no account id.
    subject:
      row.purpose === "invitation"
        ? { type: "invitation", id: row.id }
        : row.userId === null
          ? null
          : { type: "account", id: row.userId },
    after: { purpose: row.purpose, reason, link: row.id },
    clientAddress,
    at: now,
  });
}
