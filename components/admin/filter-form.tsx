// The orders filter: a plain GET form, so every filtered view is a shareable URL. next/form
// navigates client-side when JavaScript is on and submits normally when it is not.
import { useTranslations } from "next-intl";
import Form from "next/form";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { filterQuery, statusFilterValues, type OrderFilter } from "@/lib/admin/filter";

const field = "block text-xs font-semibold uppercase tracking-wide text-stone-600";
const control =
  "mt-1 block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm text-stone-900 shadow-sm focus-visible:border-brand-600";

export function FilterForm({ filter }: { filter: OrderFilter }) {
  const t = useTranslations("admin.filter");
  const status = useTranslations("common.status.order");
  return (
    // Keyed by the filter so the fields show the current URL after a client-side navigation.
    <Form
      key={filterQuery(filter, { page: 1 })}
      action="/admin"
      role="search"
      aria-label={t("label")}
      className={cardClass(
        "grid grid-cols-2 gap-3 p-4 sm:grid-cols-4 lg:grid-cols-[10rem_10rem_10rem_minmax(0,1fr)_auto] lg:items-end",
      )}
    >
      <div className="col-span-2 sm:col-span-1">
        <label htmlFor="filter-status" className={field}>
          {t("status")}
        </label>
        <select id="filter-status" name="status" defaultValue={filter.status} className={control}>
          {statusFilterValues.map((value) => (
            <option key={value} value={value}>
              {value === "all" ? t("allStatuses") : status(value)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className={field}>
          {t("from")}
        </label>
        <input
          id="filter-from"
          name="from"
          type="date"
          defaultValue={filter.from ?? ""}
          className={control}
        />
      </div>
      <div>
        <label htmlFor="filter-to" className={field}>
          {t("to")}
        </label>
        <input
          id="filter-to"
          name="to"
          type="date"
          defaultValue={filter.to ?? ""}
          className={control}
        />
      </div>
      <div className="col-span-2 sm:col-span-1 lg:col-span-1">
        <label htmlFor="filter-q" className={field}>
          {t("search")}
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filter.q}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className={control}
        />
      </div>
      <button
        type="submit"
        className={buttonClass({
          size: "sm",
          className: "col-span-2 h-10 sm:col-span-4 lg:col-span-1",
        })}
      >
        {t("submit")}
      </button>
    </Form>
  );
}
