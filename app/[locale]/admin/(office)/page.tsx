import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { markUnmatchedReviewedAction } from "@/app/[locale]/admin/(office)/actions";
import { ExportForm } from "@/components/admin/export-form";
import { FilterForm } from "@/components/admin/filter-form";
import { OrdersTable } from "@/components/admin/orders-table";
import { Pagination } from "@/components/admin/pagination";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { StatusCards } from "@/components/admin/status-cards";
import { UnmatchedNotifications } from "@/components/admin/unmatched-notifications";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { unsentEmailCount } from "@/lib/admin/emails";
import { filterQuery, isFiltered } from "@/lib/admin/filter";
import { dailyPaid, listOrders, parseOrderFilter, statusTotals } from "@/lib/admin/orders";
import { unmatchedNotifications } from "@/lib/admin/unmatched";
import { requireAdmin } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { zoneLabel } from "@/lib/time-zone";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.orders");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const filter = parseOrderFilter(await searchParams);
  // Days are counted, and times shown, in the shop's zone (SHOP_TIME_ZONE).
  const zone = env().SHOP_TIME_ZONE;
  const [t, tEmails, list, totals, series, unmatched, unsentEmails] = await Promise.all([
    getTranslations("admin.orders"),
    getTranslations("admin.emails"),
    listOrders(filter, zone),
    statusTotals(filter, zone),
    dailyPaid(filter, new Date(), zone),
    unmatchedNotifications(),
    unsentEmailCount(),
  ]);
  const filtered = isFiltered(filter);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-stone-600">{t("intro", { zone: zoneLabel(zone) })}</p>
        </div>
        {filtered ? (
          <Link
            href="/admin"
            className="rounded-md text-sm font-medium text-brand-700 underline-offset-4 hover:underline"
          >
            {t("clearFilters")}
          </Link>
        ) : null}
      </div>

      {unsentEmails > 0 ? (
        <Alert
          tone="warning"
          role={null}
          testId="unsent-emails"
          title={tEmails("unsent", { count: unsentEmails })}
        >
          <p>{tEmails("unsentBody")}</p>
          {env().SMTP_URL ? null : <p className="mt-1 font-medium">{tEmails("smtpMissing")}</p>}
        </Alert>
      ) : null}
      <UnmatchedNotifications
        list={unmatched}
        markUnmatchedReviewedAction={markUnmatchedReviewedAction}
      />
      <FilterForm filter={filter} />
      <ExportForm filter={filter} count={list.total} capped={list.totalCapped} />
      <StatusCards totals={totals} filter={filter} />
      <RevenueChart series={series} />

      <Card as="section" aria-label={t("listLabel")}>
        <OrdersTable list={list} filtered={filtered} />
        <Pagination list={list} href={(page) => `/admin${filterQuery(filter, { page })}`} />
      </Card>
    </div>
  );
}
