// The figures of one `npm run bench:flash` as markdown: printed, and written to bench/flash-results.md.
import { availableParallelism, cpus, totalmem } from "node:os";
import type { LoadResult } from "./load";

/** The issue's targets: pages at this share of a static file's throughput, p99 under 50 ms at c16. */
export const PAGE_TARGET_RATIO = 0.7;
export const PAGE_TARGET_P99_MS = 50;
export const PLACEMENT_TARGET_P99_MS = 1000;

export interface PagePair {
  label: string;
  round: number;
  page: LoadResult;
  file: LoadResult;
}

export interface SaleResult {
  shoppers: number;
  units: number;
  dokuDelayMs: number;
  arrivalMs: number;
  seconds: number;
  placed: number;
  refusedAtCart: number;
  refusedAtCheckout: number;
  ordersPerSecond: number;
  placement: { p50: number; p99: number };
  pages: { p50: number; p99: number };
  pageRequests: number;
  errors: number;
  paidUnits: number;
  stockLeft: number;
  oversold: number;
  problems: string[];
}

export interface FlashResult {
  database: "SQLite" | "PostgreSQL";
  pages: PagePair[];
  sale: SaleResult;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Per page: the median ratio of its rounds and the worst p99 the page had. */
export function pageSummary(result: FlashResult): { label: string; ratio: number; p99: number }[] {
  const labels = [...new Set(result.pages.map((p) => p.label))];
  return labels.map((label) => {
    const rounds = result.pages.filter((p) => p.label === label);
    return { label, ratio: median(rounds.map((p) => p.page.rps / p.file.rps)), p99: Math.max(...rounds.map((p) => p.page.p99)) };
  });
}

export const salePassed = (s: SaleResult) => s.problems.length === 0 && s.errors === 0 && s.oversold === 0;

function section(r: FlashResult): string {
  const cells = (l: LoadResult) => [f0(l.rps), f2(l.p50), f2(l.p99), l.errors + l.non2xx];
  const pages = table(
    ["page", "round", "page req/s", "p50 ms", "p99 ms", "failed", "static file req/s", "p50 ms", "p99 ms", "failed", "page / file"],
    r.pages.map((p) => [p.label, p.round, ...cells(p.page), ...cells(p.file), `${f2(p.page.rps / p.file.rps)}×`]),
  );
  const s = r.sale;
  const sale = table(
    ["shoppers", "units", "placed", "refused at cart", "refused at checkout", "errors", "orders/s", "placement p50 ms", "p99 ms", "page p50 ms", "p99 ms", "units paid", "stock left", "oversold"],
    [[s.shoppers, s.units, s.placed, s.refusedAtCart, s.refusedAtCheckout, s.errors, f1(s.ordersPerSecond), f0(s.placement.p50), f0(s.placement.p99), f1(s.pages.p50), f1(s.pages.p99), s.paidUnits, s.stockLeft, s.oversold]],
  );
  return [
    `## ${r.database}`,
    "",
    "Cached pages against the same HTML as a static file from `public/`, same `next start`, c16, alternating:",
    "",
    pages,
    "",
    `The sale: ${s.shoppers} shoppers arriving over ${f0(s.arrivalMs)} ms, each browsing the catalogue and the product page, adding one unit, opening the checkout and placing the order over HTTP; generate-order answered after ${s.dokuDelayMs} ms; every order placed then approved. ${f1(s.seconds)} s from the first arrival to the last answer; page times are every GET the shoppers made during it (${f0(s.pageRequests)}).`,
    "",
    sale,
    "",
    `- Database after the sale: ${s.problems.length === 0 ? "ok (exactly the units in stock paid, none left, none oversold)" : `**FAILED**: ${s.problems.join("; ")}`}`,
  ].join("\n");
}

export function renderFlashResults(startedAt: Date, loads: number[][], results: FlashResult[]): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const targets = results.flatMap((r) => [
    ...pageSummary(r).map(
      (p) =>
        `- ${r.database}, ${p.label} page / static file ≥ ${PAGE_TARGET_RATIO}×: ${f2(p.ratio)}× — ${p.ratio >= PAGE_TARGET_RATIO ? "met" : "**missed**"}; ` +
        `p99 < ${PAGE_TARGET_P99_MS} ms: ${f1(p.p99)} ms (worst round) — ${p.p99 < PAGE_TARGET_P99_MS ? "met" : "**missed**"}`,
    ),
    `- ${r.database}, flash sale: ${r.sale.errors} errors, ${r.sale.oversold} oversold — ${salePassed(r.sale) ? "met" : "**missed**"}; placement p99 < ${PLACEMENT_TARGET_P99_MS} ms: ${f0(r.sale.placement.p99)} ms — ${r.sale.placement.p99 < PLACEMENT_TARGET_P99_MS ? "met" : "**missed**"}`,
  ]);
  return [
    "# Flash-sale benchmark results",
    "",
    "Written by `npm run bench:flash` (bench/README.md says what is measured and how). Do not edit by hand.",
    "",
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: ${availableParallelism()} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    `- Load average (1 / 5 / 15 min): ${loads.map((l) => l.map(f2).join(" / ")).join(" at the start, ")} at the end (the machine is shared)`,
    "",
    "## Targets",
    "",
    ...targets,
    "",
    ...results.flatMap((r) => [section(r), ""]),
  ].join("\n");
}
