// The Activity page's filter: a plain GET form like the orders filter, so every filtered view is
// a URL to share. People removed since are offered by the name the log recorded for them.
import { useTranslations } from "next-intl";
import Form from "next/form";
import { cardClass } from "@/components/ui/card";
import type { ActivityActor } from "@/lib/admin/activity";
import { activityQuery, personValue, type ActivityFilter } from "@/lib/admin/activity-filter";
import { activityActions } from "@/lib/db/schema/values";
import { DateField, filterControlClass, FilterField, FilterSubmit } from "./filter-fields";

export function ActivityFilterForm({
  filter,
  actors,
}: {
  filter: ActivityFilter;
  actors: ActivityActor[];
}) {
  const t = useTranslations("admin.activity");
  return (
    // Keyed by the filter so the fields show the current URL after a client-side navigation.
    <Form
      key={activityQuery(filter, { page: 1 })}
      action="/admin/activity"
      role="search"
      aria-label={t("filter.label")}
      className={cardClass(
        "grid grid-cols-2 gap-3 p-4 sm:grid-cols-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem_10rem_auto] lg:items-end",
      )}
    >
      <FilterField
        id="activity-person"
        label={t("filter.person")}
        className="col-span-2 sm:col-span-2 lg:col-span-1"
      >
        <select
          id="activity-person"
          name="person"
          defaultValue={personValue(filter.person)}
          className={filterControlClass}
        >
          <option value="">{t("filter.everyone")}</option>
          <option value="none">{t("filter.nobody")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={String(actor.id)}>
              {actor.removed ? t("filter.removed", { name: actor.name }) : actor.name}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField
        id="activity-action"
        label={t("filter.action")}
        className="col-span-2 sm:col-span-2 lg:col-span-1"
      >
        <select
          id="activity-action"
          name="action"
          defaultValue={filter.action ?? ""}
          className={filterControlClass}
        >
          <option value="">{t("filter.allActions")}</option>
          {activityActions.map((action) => (
            <option key={action} value={action}>
              {t(`actions.${action}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <DateField id="activity-from" name="from" label={t("filter.from")} value={filter.from} />
      <DateField id="activity-to" name="to" label={t("filter.to")} value={filter.to} />
      <FilterSubmit>{t("filter.submit")}</FilterSubmit>
    </Form>
  );
}
