// The Activity page's filter, parsed from the URL's search params with zod. Pure (no DB), so the
// page, the query and the tests share it. Unlike the orders filter, a value that does not parse is
// named back to the reader (the page says which were ignored): this is an audit view, and a filter
// silently dropped would show more than the reader thinks they asked for.
import { z } from "zod";
import { activityActions, type ActivityAction } from "@/lib/db/schema/values";
import { isValidYmd } from "@/lib/format";

export const ACTIVITY_PAGE_SIZE = 50;

/** `none`: entries nobody signed in made (failed sign-ins, reset requests). */
export type PersonFilter = { kind: "all" } | { kind: "none" } | { kind: "id"; id: number };

export interface ActivityFilter {
  person: PersonFilter;
  action: ActivityAction | null;
  from: string | null;
  to: string | null;
  page: number;
}

export const activityFilterFields = ["person", "action", "from", "to", "page"] as const;
export type ActivityFilterField = (typeof activityFilterFields)[number];

export interface ParsedActivityFilter {
  filter: ActivityFilter;
  /** The params present but unreadable: ignored, and said so. */
  ignored: ActivityFilterField[];
}

type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

const day = z.string().trim().refine(isValidYmd);
const fieldSchemas = {
  person: z.union([
    z.literal("none").transform((): PersonFilter => ({ kind: "none" })),
    z
      .string()
      .regex(/^[1-9][0-9]{0,14}$/)
      .transform((id): PersonFilter => ({ kind: "id", id: Number(id) })),
  ]),
  action: z.enum(activityActions),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000),
} satisfies Record<ActivityFilterField, z.ZodType>;

const DEFAULTS: ActivityFilter = {
  person: { kind: "all" },
  action: null,
  from: null,
  to: null,
  page: 1,
};

function firstValue(input: SearchParamsInput, name: string): string | undefined {
  const value = input instanceof URLSearchParams ? input.get(name) : input[name];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === null || one.trim() === "" ? undefined : one.trim();
}

export function parseActivityFilter(input: SearchParamsInput = {}): ParsedActivityFilter {
  const filter: ActivityFilter = { ...DEFAULTS };
  const ignored: ActivityFilterField[] = [];
  for (const field of activityFilterFields) {
    const raw = firstValue(input, field);
    if (raw === undefined) continue;
    const parsed = fieldSchemas[field].safeParse(raw);
    if (!parsed.success) {
      ignored.push(field);
      continue;
    }
    (filter as unknown as Record<string, unknown>)[field] = parsed.data;
  }
  // A range typed backwards is still a range.
  if (filter.from && filter.to && filter.from > filter.to)
    [filter.from, filter.to] = [filter.to, filter.from];
  return { filter, ignored };
}

export function isActivityFiltered(filter: ActivityFilter): boolean {
  return filter.person.kind !== "all" || Boolean(filter.action || filter.from || filter.to);
}

/** `?person=3&action=…` for links that keep the filter; defaults are left out. */
export function activityQuery(
  filter: ActivityFilter,
  overrides: Partial<ActivityFilter> = {},
): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.person.kind === "none") params.set("person", "none");
  if (f.person.kind === "id") params.set("person", String(f.person.id));
  if (f.action) params.set("action", f.action);
  if (f.from) params.set("from", f.from);
  if (f.to) params.set("to", f.to);
  if (f.page > 1) params.set("page", String(f.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The person select's value for the current filter. */
export function personValue(person: PersonFilter): string {
  return person.kind === "id" ? String(person.id) : person.kind === "none" ? "none" : "";
}
