"use client";
// A shop page that failed to render: said plainly, inside the shop's own header and footer, with
// a way to try again. Nothing of the error itself is shown; its digest matches the server's log.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function ShopError({ error, reset, retry }: { error: Error & { digest?: string }; reset: () => void; retry?: () => void }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="shop-error">
      <p className="text-sm font-semibold text-brand-700">Something went wrong</p>
      <h1 className="text-3xl font-bold tracking-tight">This page could not be shown</h1>
      <p className="text-stone-600">
        Try again in a moment. If you were paying, your order page shows where the payment stands.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={() => (retry ?? reset)()} className={buttonClass()}>
          Try again
        </button>
        <Link href="/" className={buttonClass({ variant: "secondary" })}>
          Back to the shop
        </Link>
      </div>
      {error.digest ? <p className="text-xs text-stone-500">Reference {error.digest}</p> : null}
    </div>
  );
}
