import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { payAgainAction } from "@/app/[locale]/(shop)/orders/[token]/actions";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { OrderParcels } from "@/components/orders/order-parcels";
import { OrderStatusPanel } from "@/components/orders/order-status";
import { OrderSummary } from "@/components/orders/order-summary";
import { PayAgainForm } from "@/components/orders/pay-again-form";
import { PaymentTimeline } from "@/components/orders/payment-timeline";
import { RefundSummary } from "@/components/orders/refund-summary";
import { SoldOutNotice } from "@/components/orders/sold-out-notice";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ShopTime } from "@/components/ui/shop-time";
import { orderReference } from "@/lib/format";
import { orderParcels } from "@/lib/fulfilment/queries";
import { findShopperOrder } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shop.order");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const order = await findShopperOrder(token);
  if (!order) notFound();
  const [t, parcels] = await Promise.all([getTranslations("shop"), orderParcels(order.id)]);
  // Set by "Pay again" when this order's cart has started too many payments this hour.
  const { retry_in: retryIn, open_orders: openOrders, over_limit: overLimit } = await searchParams;
  const retryMinutes =
    typeof retryIn === "string" && /^\d{1,3}$/.test(retryIn) ? Math.max(1, Number(retryIn)) : null;
  const openOrdersLimit =
    typeof openOrders === "string" && /^\d{1,4}$/.test(openOrders)
      ? Math.max(1, Number(openOrders))
      : null;

  const resumeUrl = order.payment?.resumeUrl ?? null;
  // Pay again is offered only while its units are still there; otherwise the page says what sold out.
  const canPayAgain =
    (order.status === "failed" || order.status === "expired") && order.stockShort.length === 0;
  const soldOut =
    (order.status === "failed" || order.status === "expired") && order.stockShort.length > 0;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">
          {t.rich("order.heading", {
            reference: orderReference(order.token),
            ref: (chunks) => <span className="font-mono text-2xl text-stone-600">{chunks}</span>,
          })}
        </h1>
        <p className="text-sm text-stone-600">
          {/* The confirmation email goes out when the payment is confirmed (lib/mail). */}
          {t.rich("order.placed", {
            status: order.status,
            email: order.customer.email,
            time: () => <ShopTime at={order.createdAt} />,
          })}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="space-y-6">
          <section aria-label={t("order.paymentStatus")} className="space-y-4">
            <OrderStatusPanel order={order} />
            {retryMinutes !== null && canPayAgain ? (
              <Alert
                tone="warning"
                role="alert"
                testId="attempt-limit"
                title={t("order.attemptLimitTitle")}
              >
                {t("checkout.problem.tooManyAttempts", { minutes: retryMinutes })}
              </Alert>
            ) : null}
            {openOrdersLimit !== null && canPayAgain ? (
              <Alert
                tone="warning"
                role="alert"
                testId="open-orders-limit"
                title={t("order.attemptLimitTitle")}
              >
                {t("checkout.problem.tooManyOpenOrders", { limit: openOrdersLimit })}
              </Alert>
            ) : null}
            {overLimit === "1" && canPayAgain ? (
              <Alert
                tone="warning"
                role="alert"
                testId="over-limit"
                title={t("order.attemptLimitTitle")}
              >
                {t("order.overLimit")}
              </Alert>
            ) : null}
            {soldOut ? <SoldOutNotice items={order.stockShort} /> : null}
            {order.status === "pending" ? (
              <AutoRefresh
                token={order.token}
                status={order.status}
                words={{
                  running: t("order.autoRefresh.running"),
                  stopped: t("order.autoRefresh.stopped"),
                }}
              />
            ) : null}
            {resumeUrl || canPayAgain ? (
              <div className="flex flex-wrap items-center gap-3">
                {resumeUrl ? (
                  <a href={resumeUrl} className={buttonClass({ size: "lg" })}>
                    {t("kredivo.continue")}
                  </a>
                ) : null}
                {canPayAgain ? (
                  <PayAgainForm token={order.token} payAgainAction={payAgainAction} />
                ) : null}
              </div>
            ) : null}
          </section>
          <OrderParcels parcels={parcels} />
          <RefundSummary order={order} />
          <OrderSummary order={order} />
        </div>

        <div className="space-y-4 lg:sticky lg:top-24">
          <PaymentTimeline entries={order.timeline} />
          <Link href="/" className={buttonClass({ variant: "secondary", fullWidth: true })}>
            {t("actions.continueShopping")}
          </Link>
        </div>
      </div>
    </div>
  );
}
