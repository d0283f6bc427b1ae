// One card per order status: how many orders and their total, over the current dates and
// search. Each card links to the list filtered by that status.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { filterQuery, type OrderFilter, type StatusFilter } from "@/lib/admin/filter";
import type { StatusTotals } from "@/lib/admin/orders";
import { STATUS_TONE, type Tone } from "@/lib/format";
import { formatRupiah } from "@/lib/money";
import { orderNet } from "@/lib/refunds/refundable";

const ACCENT: Record<Tone, string> = {
  brand: "bg-brand-600",
  neutral: "bg-stone-400",
  good: "bg-green-600",
  bad: "bg-red-600",
  warn: "bg-amber-500",
};

export function StatusCards({ totals, filter }: { totals: StatusTotals; filter: OrderFilter }) {
  const t = useTranslations("admin.summary");
  const status = useTranslations("common.status.order");
  const money = useTranslations("admin.refunds.summary");
  const cards: {
    status: StatusFilter;
    label: string;
    count: number;
    sum: number;
    refunded: number;
    accent: string;
  }[] = [
    { status: "all", label: t("all"), ...totals.all, accent: "bg-stone-800" },
    ...totals.byStatus.map((t) => ({
      ...t,
      label: status(t.status),
      accent: ACCENT[STATUS_TONE[t.status]],
    })),
  ];
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="sr-only">
        {t("heading")}
      </h2>
      <ul
        className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6"
        data-testid="status-summary"
      >
        {cards.map((card) => {
          const current = filter.status === card.status;
          return (
            <li key={card.status}>
              <Link
                href={`/admin${filterQuery(filter, { status: card.status, page: 1 })}`}
                aria-current={current ? "true" : undefined}
                data-testid={`status-card-${card.status}`}
                className={`relative block h-full overflow-hidden rounded-xl border bg-white p-3 pl-4 shadow-sm transition-colors hover:border-stone-400 ${
                  current ? "border-stone-900 ring-1 ring-stone-900" : "border-stone-200"
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`absolute inset-y-0 left-0 w-1 ${card.accent}`}
                />
                <span className="block text-xs font-semibold uppercase tracking-wide text-stone-600">
                  {card.label}
                </span>
                <span className="mt-1 block text-2xl font-bold tabular-nums">{card.count}</span>
                <span className="block truncate text-sm tabular-nums text-stone-700">
                  {formatRupiah(card.sum)}
                </span>
                {card.refunded > 0 ? (
                  <span
                    className="block truncate text-xs tabular-nums text-stone-600"
                    data-testid={`status-card-net-${card.status}`}
                  >
                    {money("net", {
                      refunded: formatRupiah(card.refunded),
                      net: formatRupiah(
                        orderNet({ total: card.sum, refundedTotal: card.refunded }),
                      ),
                    })}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
