// Reads what an account email (an invitation, a reset link) says from its outbox row's token row,
// deriving the link's token again from AUTH_SECRET (lib/auth/account-tokens.ts): the token is in
// the email and nowhere else.
import { eq } from "drizzle-orm";
import { tokenLink, tokenVerdict, type TokenVerdict } from "@/lib/auth/account-tokens";
import type { Tx } from "@/lib/db/connection";
import { accountTokens, users, type AccountEmailKind } from "@/lib/db/schema";
import type { ShopTimeZone } from "@/lib/time-zone";
import type { AccountEmail } from "./email";

export async function loadAccountEmail(
  tx: Tx,
  row: { accountTokenId: number; kind: AccountEmailKind },
  shop: { baseUrl: string; zone: ShopTimeZone; tokenSecret: string },
  now: Date,
): Promise<AccountEmail | Exclude<TokenVerdict, "usable"> | null> {
  const [token] = await tx
    .select()
    .from(accountTokens)
    .where(eq(accountTokens.id, row.accountTokenId));
  if (!token) return null;
  // A link revoked, replaced, used or expired before its email went out is not worth sending.
  const verdict = tokenVerdict(token, now);
  if (verdict !== "usable") return verdict;
  const [inviter] = token.createdBy
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, token.createdBy))
    : [];
  return {
    kind: row.kind,
    locale: token.locale,
    zone: shop.zone,
    link: tokenLink(shop.baseUrl, token.purpose, shop.tokenSecret, token.nonce),
    expiresAt: token.expiresAt,
    invitedBy: inviter?.name ?? null,
    role: token.role,
  };
}
