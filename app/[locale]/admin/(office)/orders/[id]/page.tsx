import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  checkStatusAction,
  markReviewedAction,
  resendEmailAction,
} from "@/app/[locale]/admin/(office)/orders/[id]/actions";
import { addNoteAction } from "@/app/[locale]/admin/(office)/orders/[id]/note-actions";
import {
  completeOrderAction,
  correctTrackingAction,
  markDeliveredAction,
  shipParcelAction,
} from "@/app/[locale]/admin/(office)/orders/[id]/parcel-actions";
import {
  cancelPaidAction,
  cancelUnpaidAction,
  confirmRefundAction,
  requestRefundAction,
} from "@/app/[locale]/admin/(office)/orders/[id]/refund-actions";
import { AttemptsList } from "@/components/admin/attempts-list";
import { ItemsTable } from "@/components/admin/items-table";
import { NoteForm } from "@/components/admin/note-form";
import { OrderEmails } from "@/components/admin/order-emails";
import { OrderTimeline } from "@/components/admin/order-timeline";
import { ParcelsPanel } from "@/components/admin/parcels-panel";
import { RefundPanel } from "@/components/admin/refund-panel";
import { NeedsReviewBadge, OrderStatusBadge } from "@/components/admin/status-badge";
import { Card } from "@/components/ui/card";
import { ShopTime } from "@/components/ui/shop-time";
import { orderActivity } from "@/lib/admin/activity";
import { orderEmails } from "@/lib/admin/emails";
import { newNoteKey, orderNotesOf } from "@/lib/admin/notes";
import { orderDetail } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/auth/guard";
import type { PostalAddress } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { orderReference } from "@/lib/format";
import { orderParcels } from "@/lib/fulfilment/queries";
import { orderRefundList } from "@/lib/refunds/queries";
import { hasShippedParcel } from "@/lib/refunds/refundable";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.order");
  return { title: t("title"), robots: { index: false, follow: false } };
}

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
  const staff = await requireAdmin();
  const { id } = await params;
  if (!ID.test(id)) notFound();
  const [detail, emails, activity, parcels, refunds, notes] = await Promise.all([
    orderDetail(Number(id)),
    orderEmails(Number(id)),
    orderActivity(Number(id)),
    orderParcels(Number(id), { history: true }),
    orderRefundList(Number(id)),
    orderNotesOf(Number(id)),
  ]);
  if (!detail) notFound();
  const { order, items, attempts, events } = detail;
  const shipped = hasShippedParcel(parcels);
  const unreviewed = events.filter((e) => e.flagged && !e.reviewedAt).length;
  const reference = orderReference(order.publicToken);
  const t = await getTranslations("admin.order");

  return (
    <div className="space-y-6">
      <div>
        <Link
          href="/admin"
          className="rounded text-sm font-medium text-stone-600 hover:text-stone-900"
        >
          <span aria-hidden="true">← </span>
          {t("back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">
            {t.rich("heading", {
              reference,
              ref: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </h1>
          <OrderStatusBadge status={order.status} />
          {unreviewed > 0 ? <NeedsReviewBadge count={unreviewed} /> : null}
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-600">
          <div className="flex gap-1.5">
            <dt>{t("placed")}</dt>
            <dd className="tabular-nums text-stone-900">
              <ShopTime at={order.createdAt} seconds />
            </dd>
          </div>
          {order.paidAt ? (
            <div className="flex gap-1.5">
              <dt>{t("paid")}</dt>
              <dd className="tabular-nums text-stone-900">
                <ShopTime at={order.paidAt} seconds />
              </dd>
            </div>
          ) : null}
          <div className="flex gap-1.5">
            <dt>{t("updated")}</dt>
            <dd className="tabular-nums text-stone-900">
              <ShopTime at={order.updatedAt} seconds />
            </dd>
          </div>
          <div className="flex min-w-0 gap-1.5">
            <dt>{t("token")}</dt>
            <dd className="break-all font-mono text-xs leading-5 text-stone-900">
              {order.publicToken}
            </dd>
          </div>
        </dl>
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card as="section" aria-labelledby="customer-heading" className="p-4 sm:p-5">
          <h2 id="customer-heading" className="text-base font-semibold">
            {t("customer")}
          </h2>
          <dl className="mt-2 space-y-1 text-sm">
            <div>
              <dt className="sr-only">{t("name")}</dt>
              <dd className="font-medium">
                {[order.customerFirstName, order.customerLastName].filter(Boolean).join(" ")}
              </dd>
            </div>
            <div>
              <dt className="sr-only">{t("email")}</dt>
              <dd className="break-all">
                <a
                  href={`mailto:${order.customerEmail}`}
                  className="rounded text-brand-700 underline-offset-4 hover:underline"
                >
                  {order.customerEmail}
                </a>
              </dd>
            </div>
            <div>
              <dt className="sr-only">{t("phone")}</dt>
              <dd className="tabular-nums">{order.customerPhone}</dd>
            </div>
          </dl>
        </Card>
        <Address title={t("shippingAddress")} address={order.shippingAddress} />
        <Address title={t("billingAddress")} address={order.billingAddress} />
      </div>

      <ItemsTable items={items} order={order} />
      <ParcelsPanel
        orderId={order.id}
        fulfilment={order.fulfilment}
        completedAt={order.completedAt}
        completeAfterDays={env().ORDER_COMPLETE_AFTER_DAYS}
        parcels={parcels}
        actions={{
          ship: shipParcelAction,
          correct: correctTrackingAction,
          deliver: markDeliveredAction,
          complete: completeOrderAction,
        }}
      />
      <RefundPanel
        order={order}
        items={items}
        refunds={refunds}
        role={staff.role}
        shipped={shipped}
        windowDays={env().REFUND_WINDOW_DAYS}
        now={new Date()}
        actions={{
          cancelUnpaid: cancelUnpaidAction,
          cancelPaid: cancelPaidAction,
          requestRefund: requestRefundAction,
          confirmRefund: confirmRefundAction,
        }}
      />
      <AttemptsList orderId={order.id} attempts={attempts} checkStatusAction={checkStatusAction} />
      <OrderTimeline
        orderId={order.id}
        events={events}
        activity={activity}
        notes={notes}
        noteForm={
          <NoteForm orderId={order.id} submitKey={newNoteKey()} addNoteAction={addNoteAction} />
        }
        attempts={attempts}
        markReviewedAction={markReviewedAction}
      />
      <OrderEmails
        orderId={order.id}
        emails={emails}
        smtpConfigured={Boolean(env().SMTP_URL)}
        resendEmailAction={resendEmailAction}
      />
    </div>
  );
}
