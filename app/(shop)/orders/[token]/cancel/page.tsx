// Kredivo's cancel URL (DOKU callback_url_cancel). Anyone can open it, so it changes nothing:
// it shows the order and lets the shopper choose what to do next.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { backToCartAction, payAgainAction } from "@/app/(shop)/orders/[token]/actions";
import { OrderSummary } from "@/components/orders/order-summary";
import { PayAgainForm } from "@/components/orders/pay-again-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { orderReference } from "@/lib/format";
import { findShopperOrder } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Payment cancelled", robots: { index: false, follow: false } };

export default async function CancelPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const order = await findShopperOrder(token);
  if (!order) notFound();

  const orderHref = `/orders/${order.token}`;
  const settled = order.status === "paid" || order.status === "refunded";
  const resumeUrl = order.payment?.resumeUrl ?? null;
  const canPayAgain = order.status === "failed" || order.status === "expired";

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Payment cancelled</h1>
        <p className="text-stone-700">You left the Kredivo page before paying. Your order is saved.</p>
        <p className="text-sm text-stone-600">
          Order <span className="font-mono">{orderReference(order.token)}</span>
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <OrderSummary order={order} />

        <Card as="section" aria-labelledby="next-steps-heading" className="space-y-4 p-5 sm:p-6 lg:sticky lg:top-24">
          <h2 id="next-steps-heading" className="text-lg font-semibold">
            What would you like to do?
          </h2>
          {settled ? (
            <>
              <Alert tone="success" testId="order-already-paid">
                {order.status === "paid" ? "This order is already paid" : "This order was paid and has been refunded"}
              </Alert>
              <Link href={orderHref} className={buttonClass({ size: "lg", fullWidth: true })}>
                View your order
              </Link>
            </>
          ) : (
            <>
              {resumeUrl ? (
                <a href={resumeUrl} className={buttonClass({ size: "lg", fullWidth: true })}>
                  Pay again with Kredivo
                </a>
              ) : canPayAgain ? (
                <PayAgainForm token={order.token} payAgainAction={payAgainAction} fullWidth />
              ) : (
                <Link href={orderHref} className={buttonClass({ size: "lg", fullWidth: true })}>
                  Check payment status
                </Link>
              )}
              <form action={backToCartAction}>
                <input type="hidden" name="token" value={order.token} />
                <SubmitButton variant="secondary" size="lg" fullWidth pendingLabel="Restoring your cart…">
                  Back to cart
                </SubmitButton>
              </form>
              <p className="text-xs text-stone-600">
                Back to cart puts these items in your cart again so you can change them. This order stays saved until it
                expires.
              </p>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
