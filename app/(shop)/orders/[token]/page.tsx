import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { payAgainAction } from "@/app/(shop)/orders/[token]/actions";
import { AutoRefresh } from "@/components/orders/auto-refresh";
import { OrderStatusPanel } from "@/components/orders/order-status";
import { OrderSummary } from "@/components/orders/order-summary";
import { PayAgainForm } from "@/components/orders/pay-again-form";
import { PaymentTimeline } from "@/components/orders/payment-timeline";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { tooManyAttemptsMessage } from "@/lib/checkout/attempt-limits";
import { formatWib, orderReference } from "@/lib/format";
import { findShopperOrder } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your order", robots: { index: false, follow: false } };

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
  // Set by "Pay again" when this order's cart has started too many payments this hour.
  const { retry_in: retryIn } = await searchParams;
  const retryMinutes = typeof retryIn === "string" && /^\d{1,3}$/.test(retryIn) ? Number(retryIn) : null;

  const resumeUrl = order.payment?.resumeUrl ?? null;
  const canPayAgain = order.status === "failed" || order.status === "expired";

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">
          Order <span className="font-mono text-2xl text-stone-600">{orderReference(order.token)}</span>
        </h1>
        <p className="text-sm text-stone-600">
          Placed <time dateTime={order.createdAt.toISOString()}>{formatWib(order.createdAt)}</time> · confirmation
          goes to {order.customer.email}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="space-y-6">
          <section aria-label="Payment status" className="space-y-4">
            <OrderStatusPanel order={order} />
            {retryMinutes !== null && canPayAgain ? (
              <Alert tone="warning" role="alert" testId="attempt-limit" title="Not started">
                {tooManyAttemptsMessage(retryMinutes * 60_000)}
              </Alert>
            ) : null}
            {order.status === "pending" ? <AutoRefresh /> : null}
            {resumeUrl || canPayAgain ? (
              <div className="flex flex-wrap items-center gap-3">
                {resumeUrl ? (
                  <a href={resumeUrl} className={buttonClass({ size: "lg" })}>
                    Continue to Kredivo
                  </a>
                ) : null}
                {canPayAgain ? <PayAgainForm token={order.token} payAgainAction={payAgainAction} /> : null}
              </div>
            ) : null}
          </section>
          <OrderSummary order={order} />
        </div>

        <div className="space-y-4 lg:sticky lg:top-24">
          <PaymentTimeline entries={order.timeline} />
          <Link href="/" className={buttonClass({ variant: "secondary", fullWidth: true })}>
            Continue shopping
          </Link>
        </div>
      </div>
    </div>
  );
}
