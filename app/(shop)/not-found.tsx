import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-3xl font-bold tracking-tight">We couldn&apos;t find that page</h1>
      <p className="text-stone-600">The link may be mistyped, or the product is no longer sold.</p>
      <Link href="/" className={buttonClass()}>
        Back to the shop
      </Link>
    </div>
  );
}
