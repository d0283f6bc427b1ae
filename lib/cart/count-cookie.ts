// The header's cart badge reads its number from this cookie in the browser, so no shop page has
// to read the cart to render (docs/caching.md). Not a secret and never trusted: the cart itself
// is always read from the database by its id.
import "server-only";
import { cookies } from "next/headers";
import { cartItemCount } from "./cart";
import { readCartId, secureCookies } from "./cookie";
import { CART_COUNT_COOKIE } from "./count-cookie-name";

/** Writes the cart's item count (`cartId`: the one just written, else the cookie's); every action that changes the cart calls it. */
export async function refreshCartCount(cartId?: string | null): Promise<void> {
  const count = await cartItemCount(cartId === undefined ? await readCartId() : cartId);
  (await cookies()).set(CART_COUNT_COOKIE, String(count), {
    httpOnly: false,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}
