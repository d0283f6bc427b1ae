import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { checkStatusAction, markReviewedAction } from "@/app/admin/(office)/orders/[id]/actions";
import { AttemptsList } from "@/components/admin/attempts-list";
import { ItemsTable } from "@/components/admin/items-table";
import { OrderTimeline } from "@/components/admin/order-timeline";
import { NeedsReviewBadge, OrderStatusBadge } from "@/components/admin/status-badge";
import { Card } from "@/components/ui/card";
import { orderDetail } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/auth/guard";
import type { PostalAddress } from "@/lib/db/schema";
import { formatWib, orderReference } from "@/lib/format";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Order", robots: { index: false, follow: false } };

const ID = /^[1-9][0-9]{0,14}$/;

function Address({ title, address }: { title: string; address: PostalAddress }) {
  return (
    <Card as="section" aria-label={title} className="p-4 sm:p-5">
      <h2 className="text-base font-semibold">{title}</h2>
      <address className="mt-2 text-sm not-italic leading-relaxed text-stone-800">
        {[address.firstName, address.lastName].filter(Boolean).join(" ")}
        <br />
        {address.address}
        <br />
        {address.city} {address.postalCode}
        <br />
        {address.countryCode === "IDN" ? "Indonesia" : address.countryCode}
        <br />
        <span className="tabular-nums">{address.phone}</span>
      </address>
    </Card>
  );
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  if (!ID.test(id)) notFound();
  const detail = await orderDetail(Number(id));
  if (!detail) notFound();
  const { order, items, attempts, events } = detail;
  const unreviewed = events.filter((e) => e.flagged && !e.reviewedAt).length;
  const reference = orderReference(order.publicToken);

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin" className="rounded text-sm font-medium text-stone-600 hover:text-stone-900">
          <span aria-hidden="true">← </span>All orders
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">
            Order <span className="font-mono">{reference}</span>
          </h1>
          <OrderStatusBadge status={order.status} />
          {unreviewed > 0 ? <NeedsReviewBadge count={unreviewed} /> : null}
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-600">
          <div className="flex gap-1.5">
            <dt>Placed</dt>
            <dd className="tabular-nums text-stone-900">
              <time dateTime={order.createdAt.toISOString()}>{formatWib(order.createdAt, { seconds: true })}</time>
            </dd>
          </div>
          {order.paidAt ? (
            <div className="flex gap-1.5">
              <dt>Paid</dt>
              <dd className="tabular-nums text-stone-900">
                <time dateTime={order.paidAt.toISOString()}>{formatWib(order.paidAt, { seconds: true })}</time>
              </dd>
            </div>
          ) : null}
          <div className="flex gap-1.5">
            <dt>Updated</dt>
            <dd className="tabular-nums text-stone-900">
              <time dateTime={order.updatedAt.toISOString()}>{formatWib(order.updatedAt, { seconds: true })}</time>
            </dd>
          </div>
          <div className="flex min-w-0 gap-1.5">
            <dt>Token</dt>
            <dd className="break-all font-mono text-xs leading-5 text-stone-900">{order.publicToken}</dd>
          </div>
        </dl>
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card as="section" aria-labelledby="customer-heading" className="p-4 sm:p-5">
          <h2 id="customer-heading" className="text-base font-semibold">
            Customer
          </h2>
          <dl className="mt-2 space-y-1 text-sm">
            <div>
              <dt className="sr-only">Name</dt>
              <dd className="font-medium">{[order.customerFirstName, order.customerLastName].filter(Boolean).join(" ")}</dd>
            </div>
            <div>
              <dt className="sr-only">Email</dt>
              <dd className="break-all">
                <a href={`mailto:${order.customerEmail}`} className="rounded text-brand-700 underline-offset-4 hover:underline">
                  {order.customerEmail}
                </a>
              </dd>
            </div>
            <div>
              <dt className="sr-only">Phone</dt>
              <dd className="tabular-nums">{order.customerPhone}</dd>
            </div>
          </dl>
        </Card>
        <Address title="Shipping address" address={order.shippingAddress} />
        <Address title="Billing address" address={order.billingAddress} />
      </div>

      <ItemsTable items={items} order={order} />
      <AttemptsList orderId={order.id} attempts={attempts} checkStatusAction={checkStatusAction} />
      <OrderTimeline orderId={order.id} events={events} attempts={attempts} markReviewedAction={markReviewedAction} />
    </div>
  );
}
