// The orders filter: a plain GET form, so every filtered view is a shareable URL. next/form
// navigates client-side when JavaScript is on and submits normally when it is not.
import { useTranslations } from "next-intl";
import Form from "next/form";
import { cardClass } from "@/components/ui/card";
import {
  filterQuery,
  fulfilmentFilterValues,
  statusFilterValues,
  type OrderFilter,
} from "@/lib/admin/filter";
import { DateField, filterControlClass, FilterField, FilterSubmit } from "./filter-fields";

export function FilterForm({ filter }: { filter: OrderFilter }) {
  const t = useTranslations("admin.filter");
  const status = useTranslations("common.status.order");
  const parcels = useTranslations("admin.parcels");
  return (
    // Keyed by the filter so the fields show the current URL after a client-side navigation.
    <Form
      key={filterQuery(filter, { page: 1 })}
      action="/admin"
      role="search"
      aria-label={t("label")}
      className={cardClass(
        "grid grid-cols-2 gap-3 p-4 sm:grid-cols-5 lg:grid-cols-[10rem_10rem_10rem_10rem_minmax(0,1fr)_auto] lg:items-end",
      )}
    >
      <FilterField id="filter-status" label={t("status")} className="col-span-2 sm:col-span-1">
        <select
          id="filter-status"
          name="status"
          defaultValue={filter.status}
          className={filterControlClass}
        >
          {statusFilterValues.map((value) => (
            <option key={value} value={value}>
              {value === "all" ? t("allStatuses") : status(value)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField
        id="filter-fulfilment"
        label={t("fulfilment")}
        className="col-span-2 sm:col-span-1"
      >
        <select
          id="filter-fulfilment"
          name="fulfilment"
          defaultValue={filter.fulfilment}
          className={filterControlClass}
        >
          {fulfilmentFilterValues.map((value) => (
            <option key={value} value={value}>
              {value === "all" ? t("allFulfilments") : parcels(`fulfilmentStates.${value}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <DateField id="filter-from" name="from" label={t("from")} value={filter.from ?? null} />
      <DateField id="filter-to" name="to" label={t("to")} value={filter.to ?? null} />
      <FilterField
        id="filter-q"
        label={t("search")}
        className="col-span-2 sm:col-span-1 lg:col-span-1"
      >
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filter.q}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className={filterControlClass}
        />
      </FilterField>
      <FilterSubmit>{t("submit")}</FilterSubmit>
    </Form>
  );
}
