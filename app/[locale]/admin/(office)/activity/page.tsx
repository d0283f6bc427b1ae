import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActivityFilterForm } from "@/components/admin/activity-filter-form";
import { ActivityTable } from "@/components/admin/activity-table";
import { Pagination } from "@/components/admin/pagination";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ACTIVITY_RETENTION_DAYS } from "@/lib/activity/retention";
import { activityActors, listActivity } from "@/lib/admin/activity";
import {
  activityQuery,
  isActivityFiltered,
  parseActivityFilter,
} from "@/lib/admin/activity-filter";
import { requireAdmin } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { zoneLabel } from "@/lib/time-zone";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.activity");
  return { title: t("title"), robots: { index: false, follow: false } };
}

// Every signed-in role reads the log: staff see what the team did, owners too.
export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const { filter, ignored } = parseActivityFilter(await searchParams);
  // Days are counted, and times shown, in the shop's zone (SHOP_TIME_ZONE).
  const zone = env().SHOP_TIME_ZONE;
  const [t, list, actors] = await Promise.all([
    getTranslations("admin.activity"),
    listActivity(filter, zone),
    activityActors(),
  ]);
  const filtered = isActivityFiltered(filter);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="max-w-3xl text-sm text-stone-600">
            {t("intro", { zone: zoneLabel(zone), days: ACTIVITY_RETENTION_DAYS })}
          </p>
        </div>
        {filtered ? (
          <Link
            href="/admin/activity"
            className="rounded-md text-sm font-medium text-brand-700 underline-offset-4 hover:underline"
          >
            {t("filter.clear")}
          </Link>
        ) : null}
      </div>
      {ignored.length > 0 ? (
        <Alert tone="warning" testId="activity-ignored">
          {t("ignored", { fields: ignored.map((name) => t(`fieldNames.${name}`)).join(", ") })}
        </Alert>
      ) : null}
      <ActivityFilterForm filter={filter} actors={actors} />
      <Card as="section" aria-label={t("caption")}>
        <ActivityTable list={list} filtered={filtered} />
        <Pagination
          list={list}
          href={(page) => `/admin/activity${activityQuery(filter, { page })}`}
        />
      </Card>
    </div>
  );
}
