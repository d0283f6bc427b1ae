// "Paid revenue per day": a server-rendered inline SVG, no chart library. Bars are the rupiah
// paid each day (left axis), dots on a line are the orders created each day (right axis). The
// same numbers are given in words (the SVG's title and description) and as a table. Days are the
// shop's calendar days (lib/admin/orders.ts), labelled in the staff member's language.
import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import { CHART_MAX_DAYS } from "@/lib/admin/filter";
import type { DailySeries } from "@/lib/admin/orders";
import { formatDay } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { formatRupiah } from "@/lib/money";

const W = 720;
const H = 250;
const M = { top: 14, right: 40, bottom: 34, left: 100 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const TICKS = 4;

/** The smallest of 1, 2, 2.5, 5 × 10^n that is at least `value`. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

type ChartTranslator = ReturnType<typeof useTranslations<"admin.chart">>;

function summary(series: DailySeries, t: ChartTranslator, locale: Locale): string {
  const best = series.days.reduce((a, d) => (d.revenue > a.revenue ? d : a), series.days[0]!);
  const totals = t("summary", {
    from: formatDay(series.from, locale, { year: true }),
    to: formatDay(series.to, locale, { year: true }),
    paid: formatRupiah(series.totalPaid),
    refunded: formatRupiah(series.totalRefunded),
    revenue: formatRupiah(series.totalRevenue),
    paidOrders: series.totalPaidOrders,
    orders: series.totalOrders,
  });
  return best.revenue > 0
    ? `${totals} ${t("bestDay", { day: formatDay(best.date, locale), revenue: formatRupiah(best.revenue) })}`
    : totals;
}

export function RevenueChart({ series }: { series: DailySeries }) {
  const t = useTranslations("admin.chart");
  const locale = useLocale();
  const { days } = series;
  const revenueMax = niceCeiling(Math.max(...days.map((d) => d.revenue))) || 100_000;
  const countMax = Math.max(
    TICKS,
    Math.ceil(Math.max(...days.map((d) => d.orders)) / TICKS) * TICKS,
  );
  const slot = PLOT_W / days.length;
  const barWidth = Math.max(2, Math.min(28, slot * 0.62));
  const x = (i: number) => M.left + slot * (i + 0.5);
  const yRevenue = (v: number) => M.top + PLOT_H - (v / revenueMax) * PLOT_H;
  const yCount = (v: number) => M.top + PLOT_H - (v / countMax) * PLOT_H;
  const labelEvery = Math.ceil(days.length / 10);
  const text = summary(series, t, locale);
  const points = days.map((d, i) => `${x(i).toFixed(1)},${yCount(d.orders).toFixed(1)}`).join(" ");

  return (
    <Card as="section" aria-labelledby="chart-heading" className="p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="chart-heading" className="text-base font-semibold">
          {t("title")}
        </h2>
        <ul
          className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-700"
          aria-label={t("legend")}
        >
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-brand-600" />
            {t("legendRevenue")}
          </li>
          <li className="flex items-center gap-1.5">
            <svg aria-hidden="true" viewBox="0 0 16 8" className="h-2 w-4">
              <line x1="0" y1="4" x2="16" y2="4" className="stroke-stone-800" strokeWidth="1.5" />
              <circle
                cx="8"
                cy="4"
                r="2.5"
                className="fill-white stroke-stone-800"
                strokeWidth="1.5"
              />
            </svg>
            {t("legendOrders")}
          </li>
        </ul>
      </div>
      <p className="mt-1 text-sm text-stone-600" data-testid="chart-summary">
        {text}
        {series.clipped ? ` ${t("clipped", { days: CHART_MAX_DAYS })}` : ""}
      </p>

      {/* Focusable, like the tables: on a phone the chart is wider than the screen. */}
      <TableScroll label={t("scrollLabel")} className="mt-3">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby="chart-title chart-desc"
          className="h-auto w-full min-w-[36rem] text-stone-600"
          data-testid="revenue-chart"
        >
          <title id="chart-title">{t("title")}</title>
          <desc id="chart-desc">{text}</desc>

          {/* Grid and axes */}
          {Array.from({ length: TICKS + 1 }, (_, k) => {
            const y = M.top + PLOT_H - (k / TICKS) * PLOT_H;
            return (
              <g key={k}>
                <line
                  x1={M.left}
                  x2={W - M.right}
                  y1={y}
                  y2={y}
                  className={k === 0 ? "stroke-stone-400" : "stroke-stone-200"}
                  strokeWidth="1"
                />
                <text
                  x={M.left - 8}
                  y={y}
                  dy="0.32em"
                  textAnchor="end"
                  className="fill-stone-600 text-[11px] tabular-nums"
                >
                  {formatRupiah(Math.round((revenueMax * k) / TICKS))}
                </text>
                <text
                  x={W - M.right + 8}
                  y={y}
                  dy="0.32em"
                  textAnchor="start"
                  className="fill-stone-600 text-[11px] tabular-nums"
                >
                  {(countMax * k) / TICKS}
                </text>
              </g>
            );
          })}

          {/* Revenue bars */}
          {days.map((d, i) => {
            const y = yRevenue(d.revenue);
            return (
              <g key={d.date}>
                <title>
                  {t("bar", {
                    day: formatDay(d.date, locale),
                    revenue: formatRupiah(d.revenue),
                    orders: d.orders,
                  })}
                </title>
                {/* A transparent full-height slot makes the tooltip easy to hit. */}
                <rect
                  x={x(i) - slot / 2}
                  y={M.top}
                  width={slot}
                  height={PLOT_H}
                  fill="transparent"
                />
                {d.revenue > 0 ? (
                  <rect
                    x={x(i) - barWidth / 2}
                    y={y}
                    width={barWidth}
                    height={M.top + PLOT_H - y}
                    rx="2"
                    className="fill-brand-600"
                  />
                ) : null}
              </g>
            );
          })}

          {/* Orders created */}
          <polyline
            points={points}
            fill="none"
            className="stroke-stone-800"
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
          {days.map((d, i) => (
            <circle
              key={d.date}
              cx={x(i)}
              cy={yCount(d.orders)}
              r="3"
              className="fill-white stroke-stone-800"
              strokeWidth="1.5"
            />
          ))}

          {/* Day labels */}
          {days.map((d, i) =>
            i % labelEvery === 0 ? (
              <text
                key={d.date}
                x={x(i)}
                y={H - M.bottom + 18}
                textAnchor="middle"
                className="fill-stone-600 text-[11px]"
              >
                {formatDay(d.date, locale)}
              </text>
            ) : null,
          )}
          <text
            x={14}
            y={M.top + PLOT_H / 2}
            transform={`rotate(-90 14 ${M.top + PLOT_H / 2})`}
            textAnchor="middle"
            className="fill-stone-500 text-[10px]"
          >
            {t("axisRevenue")}
          </text>
          <text
            x={W - 6}
            y={M.top + PLOT_H / 2}
            transform={`rotate(90 ${W - 6} ${M.top + PLOT_H / 2})`}
            textAnchor="middle"
            className="fill-stone-500 text-[10px]"
          >
            {t("axisOrders")}
          </text>
        </svg>
      </TableScroll>

      <details className="mt-3 text-sm">
        <summary className="cursor-pointer rounded font-medium text-stone-700 hover:text-stone-900">
          {t("showTable")}
        </summary>
        <div className="mt-2 max-h-80 overflow-auto rounded-lg border border-stone-200">
          <Table>
            <Caption className="sr-only">{t("tableCaption")}</Caption>
            <thead>
              <tr>
                <Th>{t("day")}</Th>
                <Th numeric>{t("paidRevenue")}</Th>
                <Th numeric>{t("paidOrders")}</Th>
                <Th numeric>{t("ordersCreated")}</Th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <RowTh className="whitespace-nowrap text-left font-normal">
                    {formatDay(d.date, locale, { year: true })}
                  </RowTh>
                  <Td numeric>{formatRupiah(d.revenue)}</Td>
                  <Td numeric>{d.paidOrders}</Td>
                  <Td numeric>{d.orders}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </details>
    </Card>
  );
}
