// The cart cookie holds nothing but the random cart id: httpOnly (no script reads it),
// SameSite=Lax (not sent on cross-site POSTs), Secure in production.
import "server-only";
import { cookies } from "next/headers";
import { CART_ID_PATTERN, CART_LIFETIME_S } from "./cart";

const CART_COOKIE = "tn_cart";

/** The cart id from the cookie, or null when absent or not even shaped like one of ours. */
export async function readCartId(): Promise<string | null> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return value && CART_ID_PATTERN.test(value) ? value : null;
}

/** Secure whenever the shop is served over https in production (every cart cookie uses it). */
export const secureCookies = () =>
  process.env.NODE_ENV === "production" &&
  process.env.APP_BASE_URL?.startsWith("https://") === true;

export async function writeCartId(cartId: string): Promise<void> {
  (await cookies()).set(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: CART_LIFETIME_S,
  });
}

export async function clearCartId(): Promise<void> {
  (await cookies()).delete(CART_COOKIE);
}
