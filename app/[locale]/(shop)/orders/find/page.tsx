import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { findOrderAction } from "@/app/[locale]/(shop)/orders/find/actions";
import { FindOrderForm } from "@/components/orders/find-order-form";
import { Card } from "@/components/ui/card";

// The form's answer is rendered per request (a server action's state), so the page is too.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shop.findOrder");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function FindOrderPage() {
  const t = await getTranslations("shop.findOrder");
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-stone-700">{t("intro")}</p>
      <Card className="p-5 sm:p-6">
        <FindOrderForm
          findOrderAction={findOrderAction}
          words={{
            email: t("email"),
            emailHint: t("emailHint"),
            reference: t("reference"),
            referenceHint: t("referenceHint"),
            submit: t("submit"),
            sending: t("sending"),
            sent: t("sent"),
            errors: {
              emailMissing: t("errors.emailMissing"),
              emailInvalid: t("errors.emailInvalid"),
              referenceMissing: t("errors.referenceMissing"),
              referenceInvalid: t("errors.referenceInvalid"),
            },
          }}
        />
      </Card>
    </div>
  );
}
