"use client";

// A shop page that failed to render: said plainly, inside the shop's own header and footer, with
// a way to try again. Nothing of the error itself is shown; its digest matches the server's log.
// Every shop page loads this boundary up front, so it holds no words: the page's body, with its
// translator and messages, loads only when it is shown (components/shop/shop-error-page.tsx).
import dynamic from "next/dynamic";

const ShopErrorPage = dynamic(() => import("@/components/shop/shop-error-page"));

export default function ShopError({
  error,
  reset,
  retry,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  retry?: () => void;
}) {
  return <ShopErrorPage digest={error.digest} retry={() => (retry ?? reset)()} />;
}
