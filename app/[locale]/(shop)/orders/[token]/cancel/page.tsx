// Kredivo's cancel URL (DOKU callback_url_cancel). Anyone can open it, so it changes nothing:
// it shows the order and lets the shopper choose what to do next.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { backToCartAction, payAgainAction } from "@/app/[locale]/(shop)/orders/[token]/actions";
import { OrderSummary } from "@/components/orders/order-summary";
import { PayAgainForm } from "@/components/orders/pay-again-form";
import { SoldOutNotice } from "@/components/orders/sold-out-notice";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { orderReference } from "@/lib/format";
import { findShopperOrder } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shop.cancel");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function CancelPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const order = await findShopperOrder(token);
  if (!order) notFound();
  const t = await getTranslations("shop");

  const orderHref = `/orders/${order.token}`;
  const settled = order.status === "paid" || order.status === "refunded";
  const resumeUrl = order.payment?.resumeUrl ?? null;
  const canPayAgain =
    (order.status === "failed" || order.status === "expired") && order.stockShort.length === 0;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{t("cancel.title")}</h1>
        <p className="text-stone-700">{t("cancel.body")}</p>
        <p className="text-sm text-stone-600">
          {t.rich("cancel.reference", {
            reference: orderReference(order.token),
            ref: (chunks) => <span className="font-mono">{chunks}</span>,
          })}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <OrderSummary order={order} />

        <Card
          as="section"
          aria-labelledby="next-steps-heading"
          className="space-y-4 p-5 sm:p-6 lg:sticky lg:top-24"
        >
          <h2 id="next-steps-heading" className="text-lg font-semibold">
            {t("cancel.nextSteps")}
          </h2>
          {settled ? (
            <>
              <Alert tone="success" testId="order-already-paid">
                {order.status === "paid" ? t("cancel.alreadyPaid") : t("cancel.refunded")}
              </Alert>
              <Link href={orderHref} className={buttonClass({ size: "lg", fullWidth: true })}>
                {t("cancel.viewOrder")}
              </Link>
            </>
          ) : (
            <>
              {resumeUrl ? (
                <a href={resumeUrl} className={buttonClass({ size: "lg", fullWidth: true })}>
                  {t("kredivo.payAgain")}
                </a>
              ) : canPayAgain ? (
                <PayAgainForm token={order.token} payAgainAction={payAgainAction} fullWidth />
              ) : order.stockShort.length > 0 ? (
                <SoldOutNotice items={order.stockShort} />
              ) : (
                <Link href={orderHref} className={buttonClass({ size: "lg", fullWidth: true })}>
                  {t("cancel.checkStatus")}
                </Link>
              )}
              <form action={backToCartAction}>
                <input type="hidden" name="token" value={order.token} />
                <SubmitButton
                  variant="secondary"
                  size="lg"
                  fullWidth
                  pendingLabel={t("cancel.restoring")}
                >
                  {t("cancel.backToCart")}
                </SubmitButton>
              </form>
              <p className="text-xs text-stone-600">{t("cancel.backToCartNote")}</p>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
