import type { Metadata } from "next";
import Link from "next/link";
import { markUnmatchedReviewedAction } from "@/app/admin/(office)/actions";
import { FilterForm } from "@/components/admin/filter-form";
import { OrdersTable } from "@/components/admin/orders-table";
import { Pagination } from "@/components/admin/pagination";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { StatusCards } from "@/components/admin/status-cards";
import { UnmatchedNotifications } from "@/components/admin/unmatched-notifications";
import { Card } from "@/components/ui/card";
import { isFiltered } from "@/lib/admin/filter";
import { dailyPaid, listOrders, parseOrderFilter, statusTotals } from "@/lib/admin/orders";
import { unmatchedNotifications } from "@/lib/admin/unmatched";
import { requireAdmin } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Orders", robots: { index: false, follow: false } };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const filter = parseOrderFilter(await searchParams);
  const [list, totals, series, unmatched] = await Promise.all([
    listOrders(filter),
    statusTotals(filter),
    dailyPaid(filter),
    unmatchedNotifications(),
  ]);
  const filtered = isFiltered(filter);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Orders</h1>
          <p className="text-sm text-stone-600">Times in Jakarta time (WIB). Summary and chart ignore the status filter.</p>
        </div>
        {filtered ? (
          <Link href="/admin" className="rounded-md text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </div>

      <UnmatchedNotifications list={unmatched} markUnmatchedReviewedAction={markUnmatchedReviewedAction} />
      <FilterForm filter={filter} />
      <StatusCards totals={totals} filter={filter} />
      <RevenueChart series={series} />

      <Card as="section" aria-label="Order list">
        <OrdersTable list={list} filtered={filtered} />
        <Pagination list={list} filter={filter} />
      </Card>
    </div>
  );
}
