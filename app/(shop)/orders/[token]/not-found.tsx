import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function OrderNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">We couldn&apos;t find that order</h1>
      <p className="text-stone-600">Check that the link is complete: it is the one from your order confirmation.</p>
      <Link href="/" className={buttonClass()}>
        Back to the shop
      </Link>
    </div>
  );
}
