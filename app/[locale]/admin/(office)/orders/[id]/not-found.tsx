import { useTranslations } from "next-intl";
import Link from "next/link";

export default function OrderNotFound() {
  const t = useTranslations("admin.order");
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-stone-600">404</p>
      <h1 className="mt-1 text-2xl font-bold tracking-tight">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-stone-600">{t("notFoundBody")}</p>
      <Link
        href="/admin"
        className="mt-4 inline-block rounded-md font-medium text-brand-700 underline underline-offset-4"
      >
        {t("notFoundBack")}
      </Link>
    </div>
  );
}
