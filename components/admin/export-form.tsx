// "Download CSV" for the accountant: a plain GET form to the export route carrying the orders
// page's current filter as hidden fields, with the file's shape (a row per order or per line) to
// choose. Works without JavaScript; the browser downloads what the route answers.
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { filterQuery, type OrderFilter } from "@/lib/admin/filter";
import { exportShapes } from "@/lib/export/order-rows";

/** `capped`: the list stopped counting at `count` (lib/admin/orders.ts): the file holds more. */
export function ExportForm({
  filter,
  count,
  capped = false,
}: {
  filter: OrderFilter;
  count: number;
  capped?: boolean;
}) {
  const t = useTranslations("admin.export");
  return (
    <form
      method="get"
      action="/admin/orders/export"
      aria-labelledby="export-heading"
      data-testid="export-form"
      className={cardClass("flex flex-wrap items-end gap-x-6 gap-y-3 p-4")}
    >
      {/* The filter as the page's own links carry it, so a filter added there is exported too. */}
      {[...new URLSearchParams(filterQuery(filter, { page: 1 }))].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <h2 id="export-heading" className="text-sm font-semibold">
          {t("heading")}
        </h2>
        <p className="text-xs text-stone-600">
          {capped ? t("introCapped", { count }) : t("intro", { count })}
        </p>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="sr-only">{t("shape")}</legend>
        {exportShapes.map((shape) => (
          <label key={shape} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name="per"
              value={shape}
              defaultChecked={shape === "order"}
              className="size-4 accent-brand-700"
            />
            {t(`shapes.${shape}`)}
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        data-testid="export-submit"
        className={buttonClass({ variant: "secondary", size: "sm" })}
      >
        {t("submit")}
      </button>
    </form>
  );
}
