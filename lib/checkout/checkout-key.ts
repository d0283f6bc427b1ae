// The checkout key: one per rendered checkout form, so a double submit or a refresh finds the
// same order. Issued by the server and bound to the cart it was rendered for (an HMAC under a key
// derived from AUTH_SECRET), so a client cannot mint fresh keys to place order after order, nor
// use one cart's key with another cart.
import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** A form older than this is stale: its prices and cart may have changed since. */
export const CHECKOUT_KEY_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const KEY_PATTERN = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

function mac(nonce: string, issuedAt: string, cartId: string): string {
  const key = createHmac("sha256", env().AUTH_SECRET).update("checkout-key/v1").digest();
  return createHmac("sha256", key).update(`${nonce}.${issuedAt}.${cartId}`).digest("base64url");
}

export function issueCheckoutKey(cartId: string, now = Date.now()): string {
  const nonce = randomUUID();
  const issuedAt = now.toString(36);
  return `${nonce}.${issuedAt}.${mac(nonce, issuedAt, cartId)}`;
}

/** True only for a key this server issued for this cart, less than a day's shopping ago. */
export function isValidCheckoutKey(
  key: unknown,
  cartId: string | null,
  now = Date.now(),
): key is string {
  if (typeof key !== "string" || !cartId) return false;
  const match = KEY_PATTERN.exec(key);
  if (!match) return false;
  const [, nonce, issuedAt, signature] = match as unknown as [string, string, string, string];
  const age = now - parseInt(issuedAt, 36);
  if (!(age >= -60_000 && age <= CHECKOUT_KEY_MAX_AGE_MS)) return false;
  const expected = Buffer.from(mac(nonce, issuedAt, cartId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
