// The Activity page's filter: a plain GET form like the orders filter, so every filtered view is
// a URL to share. People removed since are offered by the name the log recorded for them.
import { useTranslations } from "next-intl";
import Form from "next/form";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import type { ActivityActor } from "@/lib/admin/activity";
import { activityQuery, personValue, type ActivityFilter } from "@/lib/admin/activity-filter";
import { activityActions } from "@/lib/db/schema/values";

const field = "block text-xs font-semibold uppercase tracking-wide text-stone-600";
const control =
  "mt-1 block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm text-stone-900 shadow-sm focus-visible:border-brand-600";

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
      <div className="col-span-2 sm:col-span-2 lg:col-span-1">
        <label htmlFor="activity-person" className={field}>
          {t("filter.person")}
        </label>
        <select
          id="activity-person"
          name="person"
          defaultValue={personValue(filter.person)}
          className={control}
        >
          <option value="">{t("filter.everyone")}</option>
          <option value="none">{t("filter.nobody")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={String(actor.id)}>
              {actor.removed ? t("filter.removed", { name: actor.name }) : actor.name}
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-2 sm:col-span-2 lg:col-span-1">
        <label htmlFor="activity-action" className={field}>
          {t("filter.action")}
        </label>
        <select
          id="activity-action"
          name="action"
          defaultValue={filter.action ?? ""}
          className={control}
        >
          <option value="">{t("filter.allActions")}</option>
          {activityActions.map((action) => (
            <option key={action} value={action}>
              {t(`actions.${action}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="activity-from" className={field}>
          {t("filter.from")}
        </label>
        <input
          id="activity-from"
          name="from"
          type="date"
          defaultValue={filter.from ?? ""}
          className={control}
        />
      </div>
      <div>
        <label htmlFor="activity-to" className={field}>
          {t("filter.to")}
        </label>
        <input
          id="activity-to"
          name="to"
          type="date"
          defaultValue={filter.to ?? ""}
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
        {t("filter.submit")}
      </button>
    </Form>
  );
}
