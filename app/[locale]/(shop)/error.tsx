"use client";
// A shop page that failed to render: said plainly, inside the shop's own header and footer, with
// a way to try again. Nothing of the error itself is shown; its digest matches the server's log.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

export default function ShopError({ error, reset, retry }: { error: Error & { digest?: string }; reset: () => void; retry?: () => void }) {
  const t = useTranslations("shop.error");
  const actions = useTranslations("shop.actions");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="shop-error">
      <p className="text-sm font-semibold text-brand-700">{t("eyebrow")}</p>
      <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-stone-600">{t("body")}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={() => (retry ?? reset)()} className={buttonClass()}>
          {t("tryAgain")}
        </button>
        <Link href="/" className={buttonClass({ variant: "secondary" })}>
          {actions("backToShop")}
        </Link>
      </div>
      {error.digest ? <p className="text-xs text-stone-500">{t("reference", { digest: error.digest })}</p> : null}
    </div>
  );
}
