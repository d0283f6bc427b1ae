import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  const t = useTranslations("shop");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-3xl font-bold tracking-tight">{t("notFound.title")}</h1>
      <p className="text-stone-600">{t("notFound.body")}</p>
      <Link href="/" className={buttonClass()}>
        {t("actions.backToShop")}
      </Link>
    </div>
  );
}
