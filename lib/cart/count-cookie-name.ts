// Shared by the server, which writes the cart badge's cookie, and the badge, which reads it. Pure.
export const CART_COUNT_COOKIE = "tn_cart_count";

/** The badge's number from a `document.cookie` string: 0 when absent or not a small whole number. */
export function cartCountFromCookies(cookieHeader: string): number {
  const match = new RegExp(`(?:^|;\\s*)${CART_COUNT_COOKIE}=(\\d{1,4})(?:;|$)`).exec(cookieHeader);
  return match ? Number(match[1]) : 0;
}
