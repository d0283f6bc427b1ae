import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function OrderNotFound() {
  const t = useTranslations("shop");
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">{t("order.notFound.title")}</h1>
      <p className="text-stone-600">{t("order.notFound.body")}</p>
      <div className="flex flex-wrap justify-center gap-3">
        <Link href="/orders/find" className={buttonClass()}>
          {t("findOrder.title")}
        </Link>
        <Link href="/" className={buttonClass({ variant: "secondary" })}>
          {t("actions.backToShop")}
        </Link>
      </div>
    </div>
  );
}
