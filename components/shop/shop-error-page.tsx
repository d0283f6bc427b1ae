"use client";

// The body of the shop's error page (app/[locale]/(shop)/error.tsx), which loads it only when a
// page fails: it brings its own translator and the shop's words in both languages, which no
// working page should download. The language is the page's own segment, as the proxy chose it.
import { createTranslator } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { localeOrDefault } from "@/lib/i18n/locales";
import enShop from "@/messages/en/shop.json";
import idShop from "@/messages/id/shop.json";

const shop = { en: enShop, id: idShop };

export default function ShopErrorPage({ digest, retry }: { digest?: string; retry: () => void }) {
  const locale = localeOrDefault(useParams<{ locale?: string }>().locale);
  const t = createTranslator({ locale, messages: { shop: shop[locale] }, namespace: "shop" });
  return (
    <div
      className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center"
      data-testid="shop-error"
    >
      <p className="text-sm font-semibold text-brand-700">{t("error.eyebrow")}</p>
      <h1 className="text-3xl font-bold tracking-tight">{t("error.title")}</h1>
      <p className="text-stone-600">{t("error.body")}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={retry} className={buttonClass()}>
          {t("error.tryAgain")}
        </button>
        <Link href="/" className={buttonClass({ variant: "secondary" })}>
          {t("actions.backToShop")}
        </Link>
      </div>
      {digest ? <p className="text-xs text-stone-500">{t("error.reference", { digest })}</p> : null}
    </div>
  );
}
