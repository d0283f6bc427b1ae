// The one-time links of the back office: an invitation (24 h) and a password reset (1 h). A link's
// token is an HMAC of a random per-row nonce under AUTH_SECRET: the row keeps only the token's
// SHA-256, and the sender derives the token again when it renders the email, so neither the
// database nor the outbox ever holds a usable link. A presented token is looked up by its SHA-256,
// so the lookup's timing reveals nothing about the token itself (sameHash below is a
// belt-and-braces check of the row found); a used, revoked or expired row is refused with its
// reason. Free of `server-only`: the sender and tests import it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AccountTokenPurpose } from "@/lib/db/schema/values";

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  invitation: 24 * 60 * 60_000,
  password_reset: 60 * 60_000,
};

/** Where each link opens, under APP_BASE_URL. */
export const TOKEN_PATH: Record<AccountTokenPurpose, string> = {
  invitation: "/admin/invitation",
  password_reset: "/admin/reset-password",
};

/** 43 characters of base64url: what a link carries. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newNonce(): string {
  return randomBytes(32).toString("base64url");
}

export function deriveToken(secret: string, purpose: AccountTokenPurpose, nonce: string): string {
  return createHmac("sha256", secret)
    .update(`account-token:${purpose}:${nonce}`)
    .digest("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The hash to look a presented token up by, or null when it cannot be one of ours. */
export function lookupHash(presented: unknown): string | null {
  return typeof presented === "string" && TOKEN_SHAPE.test(presented) ? hashToken(presented) : null;
}

/**
 * Whether a presented token's hash is the stored one: a belt-and-braces check after the lookup by
 * that hash (constant time, though timing there can only reveal bits of a SHA-256, not the token).
 */
export function sameHash(stored: string, presentedHash: string): boolean {
  const a = Buffer.from(stored, "hex");
  const b = Buffer.from(presentedHash, "hex");
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}

export function tokenLink(
  baseUrl: string,
  purpose: AccountTokenPurpose,
  secret: string,
  nonce: string,
): string {
  return `${baseUrl.replace(/\/+$/, "")}${TOKEN_PATH[purpose]}/${deriveToken(secret, purpose, nonce)}`;
}

export interface TokenState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Why a link no longer works, or "usable". */
export type TokenVerdict = "usable" | "used" | "revoked" | "expired";

export function tokenVerdict(row: TokenState, now: Date): TokenVerdict {
  if (row.usedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "usable";
}
