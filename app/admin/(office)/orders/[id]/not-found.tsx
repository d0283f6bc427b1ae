import Link from "next/link";

export default function OrderNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-stone-600">404</p>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">Order not found</h1>
      <p className="mt-2 text-sm text-stone-600">There is no order with that id.</p>
      <Link href="/admin" className="mt-4 inline-block rounded-md font-medium text-brand-700 underline underline-offset-4">
        Back to all orders
      </Link>
    </div>
  );
}
