// The orders screen's filter, parsed from the URL's search params. Pure (no DB), so the page,
// the queries and the tests share it. A bad value never errors: it falls back to its default,
// because the URL is typed by people.
import { z } from "zod";
import { fulfilmentStates, orderStatuses } from "@/lib/db/schema";
import { addDays, daysBetween, isValidYmd, shopDay } from "@/lib/format";
import type { ShopTimeZone } from "@/lib/time-zone";

export const PAGE_SIZE = 20;
/** The chart's default window, and the most days it draws. */
export const CHART_DEFAULT_DAYS = 14;
export const CHART_MAX_DAYS = 92;

export const statusFilterValues = ["all", ...orderStatuses] as const;
export type StatusFilter = (typeof statusFilterValues)[number];
/** Fulfilment (lib/fulfilment/): "all", or one derived state of a paid order's parcels. */
export const fulfilmentFilterValues = ["all", ...fulfilmentStates] as const;

type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankAsMissing = (value: unknown) => {
  const v = first(value);
  return typeof v === "string" && v.trim() === "" ? undefined : v;
};

const day = z.string().trim().refine(isValidYmd);

export const orderFilterSchema = z
  .object({
    status: z.preprocess(blankAsMissing, z.enum(statusFilterValues).default("all")).catch("all"),
    fulfilment: z
      .preprocess(blankAsMissing, z.enum(fulfilmentFilterValues).default("all"))
      .catch("all"),
    from: z.preprocess(blankAsMissing, day.optional()).catch(undefined),
    to: z.preprocess(blankAsMissing, day.optional()).catch(undefined),
    q: z
      .preprocess(first, z.string().default(""))
      .transform((q) => q.trim().slice(0, 200))
      .catch(""),
    page: z
      .preprocess(blankAsMissing, z.coerce.number().int().min(1).max(100_000).default(1))
      .catch(1),
  })
  // A range typed backwards is still a range.
  .transform((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));

export type OrderFilter = z.output<typeof orderFilterSchema>;

export function parseOrderFilter(input: SearchParamsInput = {}): OrderFilter {
  const record =
    input instanceof URLSearchParams
      ? Object.fromEntries([...new Set(input.keys())].map((key) => [key, input.getAll(key)]))
      : input;
  return orderFilterSchema.parse(record);
}

export function isFiltered(filter: OrderFilter): boolean {
  return (
    filter.status !== "all" ||
    filter.fulfilment !== "all" ||
    Boolean(filter.from || filter.to || filter.q)
  );
}

/** `?status=paid&q=…` for links that keep the filter; defaults are left out. */
export function filterQuery(filter: OrderFilter, overrides: Partial<OrderFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.status !== "all") params.set("status", f.status);
  if (f.fulfilment !== "all") params.set("fulfilment", f.fulfilment);
  if (f.from) params.set("from", f.from);
  if (f.to) params.set("to", f.to);
  if (f.q) params.set("q", f.q);
  if (f.page > 1) params.set("page", String(f.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export interface DayRange {
  from: string;
  to: string;
  /** The filter asked for more days than the chart draws: it shows the last CHART_MAX_DAYS. */
  clipped: boolean;
}

/** The days the chart covers: the filter's range, else the last 14 days up to today in the shop's zone. */
export function chartRange(
  filter: Pick<OrderFilter, "from" | "to">,
  zone: ShopTimeZone,
  now: Date = new Date(),
): DayRange {
  const today = shopDay(now, zone);
  const to = filter.to ?? (filter.from && filter.from > today ? filter.from : today);
  let from = filter.from ?? addDays(to, -(CHART_DEFAULT_DAYS - 1));
  let clipped = false;
  if (daysBetween(from, to) >= CHART_MAX_DAYS) {
    from = addDays(to, -(CHART_MAX_DAYS - 1));
    clipped = true;
  }
  return { from, to, clipped };
}
