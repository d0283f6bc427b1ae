// Previous / next through a back-office list (orders, activity), keeping its filter: the page
// gives the link of any page number.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export interface PageOf {
  page: number;
  pageCount: number;
  total: number;
  /** Only counted up to `total` (lib/admin/orders.ts COUNT_CAP): the last page is not known. */
  totalCapped?: boolean;
}

export function Pagination({ list, href }: { list: PageOf; href: (page: number) => string }) {
  const t = useTranslations("admin.pagination");
  if (list.total === 0 && list.page === 1) return null;
  const previous = list.page > 1 ? href(Math.min(list.page - 1, list.pageCount)) : null;
  const next = list.page < list.pageCount ? href(list.page + 1) : null;
  const disabled = buttonClass({
    variant: "secondary",
    size: "sm",
    className: "pointer-events-none opacity-50",
  });
  return (
    <nav
      aria-label={t("label")}
      className="flex items-center justify-between gap-3 px-4 py-3 text-sm sm:px-5"
    >
      {previous ? (
        <Link
          href={previous}
          rel="prev"
          className={buttonClass({ variant: "secondary", size: "sm" })}
        >
          {t("previous")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("previous")}
        </span>
      )}
      <span className="tabular-nums text-stone-600">
        {list.totalCapped
          ? t("pageOfMany", { page: list.page })
          : t("page", { page: list.page, pageCount: list.pageCount })}
      </span>
      {next ? (
        <Link href={next} rel="next" className={buttonClass({ variant: "secondary", size: "sm" })}>
          {t("next")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("next")}
        </span>
      )}
    </nav>
  );
}
