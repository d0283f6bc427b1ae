// Reading a one-time link (an invitation or a password reset) by its presented token, and spending
// it: the shared half of lib/auth/invitations.ts and lib/auth/password-reset.ts. A token is found
// by its hash, compared in constant time, and spent by one conditional update, so two uses of the
// same link (two tabs, a replay) can never both succeed. Nothing here logs a token or a link.
import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { recordActivity, type Actor } from "@/lib/activity/record";
import { lookupHash, sameHash, tokenVerdict, type TokenVerdict } from "@/lib/auth/account-tokens";
import type { Tx } from "@/lib/db/connection";
import { accountTokens } from "@/lib/db/schema";
import type { AccountTokenPurpose } from "@/lib/db/schema/values";

export type LinkRow = typeof accountTokens.$inferSelect;

/** What a page or an action knows of a presented link: its row when there is one, and its verdict. */
export type LinkLookup =
  { verdict: TokenVerdict; row: LinkRow } | { verdict: "unknown"; row: null };

export type LinkVerdict = LinkLookup["verdict"];

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
 * write that decides. False when another use, a revocation or the clock got there first.
 */
export async function spendLink(tx: Tx, id: number, now: Date): Promise<boolean> {
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
  return spent.length === 1;
}

/** Why a link was refused when someone tried to use it. */
export type RefusalReason =
  Exclude<LinkVerdict, "usable"> | "other_address" | "account_exists" | "no_account";

/** The activity entry of a refused use: the link's row id and why, never the token. */
export function recordRefusal(
  tx: Tx,
  row: LinkRow,
  reason: RefusalReason,
  actor: Actor | null,
  clientAddress: string | null,
  now: Date,
): Promise<void> {
  return recordActivity(tx, {
    actor,
    action: "auth.link_refused",
    subject:
      row.purpose === "invitation"
        ? { type: "invitation", id: row.id }
        : { type: "account", id: row.userId ?? row.id },
    after: { purpose: row.purpose, reason, link: row.id },
    clientAddress,
    at: now,
  });
}
