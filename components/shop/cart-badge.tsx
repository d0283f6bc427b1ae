"use client";

// The header's cart count, read from a cookie the cart's actions write (lib/cart/count-cookie.ts),
// so the shop layout stays cacheable. It re-reads on every navigation and when the cookie changes.
// Its words come translated from the layout: formatting a message with a count in the browser
// would load the ICU formatter's locale data on every page, for one word.
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { cartCountFromCookies } from "@/lib/cart/count-cookie-name";

type CookieStoreLike = EventTarget;

/** `one` and `other`: the word after the count, for 1 and for any other number (Indonesian has one form, English two). */
export function CartBadge({ one, other }: { one: string; other: string }) {
  const pathname = usePathname();
  const [count, setCount] = useState(0);

  useEffect(() => {
    const read = () => setCount(cartCountFromCookies(document.cookie));
    read();
    // The Cookie Store API tells us when a server action changed the cookie without a navigation
    // (the cart page's quantity controls); browsers without it catch up on the next navigation.
    const store = (window as unknown as { cookieStore?: CookieStoreLike }).cookieStore;
    store?.addEventListener("change", read);
    document.addEventListener("visibilitychange", read);
    return () => {
      store?.removeEventListener("change", read);
      document.removeEventListener("visibilitychange", read);
    };
  }, [pathname]);

  return (
    <>
      <span
        data-testid="cart-count"
        className={`grid min-w-6 place-items-center rounded-full px-1.5 text-xs font-bold leading-6 ${count > 0 ? "bg-brand-700 text-white" : "bg-stone-200 text-stone-700"}`}
      >
        {count}
      </span>
      {/* The name reads "Cart 3 items" ("Keranjang 3 barang"): the visible words first, as voice control expects. */}
      <span className="sr-only">{count === 1 ? one : other}</span>
    </>
  );
}
