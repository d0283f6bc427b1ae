// The figures of one `npm run bench:flash` as markdown: printed, and written to bench/flash-results.md.
import { availableParallelism, cpus, totalmem } from "node:os";
import { failedRequests, type LoadResult } from "./load";

/** The targets: pages at this share of a static file's throughput, p99 under 50 ms at c16. */
export const PAGE_TARGET_RATIO = 0.7;
export const PAGE_TARGET_P99_MS = 50;
export const PLACEMENT_TARGET_P99_MS = 1000;
/** The drop's most per order during the sale ("maks. 2 per pembeli"). */
export const HOARDER_MAX_PER_ORDER = 2;

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
  /** One shopper ordering the drop again and again without paying, during the sale. */
  hoarder: HoarderResult;
  problems: string[];
}

/** What the hoarder got: orders placed (never paid; declined after the sale) and refused. */
export interface HoarderResult {
  tries: number;
  placed: number;
  refusedAtCart: number;
  refusedAtCheckout: number;
  unitsHeld: number;
}

/**
 * What a shopper waiting on the order page costs the server per poll: the order page rendered
 * anew for router.refresh() (an RSC request) against the status read the page polls instead.
 */
export interface PollPair {
  round: number;
  refresh: LoadResult;
  status: LoadResult;
}

export interface FlashResult {
  database: "SQLite" | "PostgreSQL";
  pages: PagePair[];
  /** One sale per arrival window, fastest arrivals first. */
  sales: SaleResult[];
  poll: PollPair[];
}

/** The bare App Router page against its static copy (bench/page-floor.ts). */
export interface PageFloor {
  pairs: PagePair[];
  bytes: number;
}

const shoppersPerSecond = (s: SaleResult) =>
  s.arrivalMs > 0 ? (s.shoppers * 1000) / s.arrivalMs : Infinity;

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Per page: the median ratio of its rounds, the worst p99 the page had (both of successful requests) and the requests that failed. */
export function pageSummary(
  result: FlashResult,
): { label: string; ratio: number; p99: number; failed: number }[] {
  const labels = [...new Set(result.pages.map((p) => p.label))];
  return labels.map((label) => {
    const rounds = result.pages.filter((p) => p.label === label);
    return {
      label,
      ratio: median(rounds.map((p) => p.page.rps / p.file.rps)),
      p99: Math.max(...rounds.map((p) => p.page.p99)),
      failed: rounds.reduce((n, p) => n + failedRequests(p.page) + failedRequests(p.file), 0),
    };
  });
}

export const salePassed = (s: SaleResult) =>
  s.problems.length === 0 && s.errors === 0 && s.oversold === 0;

/** Every measured run (page, static file, poll) with a request that did not get the intended answer. */
export function requestFailures(result: { pages: PagePair[]; poll?: PollPair[] }): string[] {
  const runs = [
    ...result.pages.flatMap((p) => [
      [`${p.label} page #${p.round}`, p.page] as const,
      [`${p.label} static file #${p.round}`, p.file] as const,
    ]),
    ...(result.poll ?? []).flatMap((p) => [
      [`status read #${p.round}`, p.status] as const,
      [`order page re-render #${p.round}`, p.refresh] as const,
    ]),
  ];
  return runs
    .filter(([, l]) => failedRequests(l) > 0)
    .map(
      ([label, l]) =>
        `${label} (${l.path}): ${l.errors} errors, ${l.non2xx} non-2xx, ${l.wrongBody} not the intended page, of ${l.sent}`,
    );
}

const loadCells = (l: LoadResult) => [f0(l.rps), f2(l.p50), f2(l.p99), failedRequests(l)];

function pageTable(pairs: PagePair[]): string {
  return table(
    [
      "page",
      "round",
      "page req/s",
      "p50 ms",
      "p99 ms",
      "failed",
      "static file req/s",
      "p50 ms",
      "p99 ms",
      "failed",
      "page / file",
    ],
    pairs.map((p) => [
      p.label,
      p.round,
      ...loadCells(p.page),
      ...loadCells(p.file),
      `${f2(p.page.rps / p.file.rps)}×`,
    ]),
  );
}

function section(r: FlashResult): string {
  const sales = table(
    [
      "arrivals",
      "shoppers/s",
      "units",
      "placed",
      "refused at cart",
      "refused at checkout",
      "errors",
      "orders/s",
      "placement p50 ms",
      "p99 ms",
      "page p50 ms",
      "p99 ms",
      "units paid",
      "hoarder: placed / refused / units held",
      "stock left",
      "oversold",
      "database",
    ],
    r.sales.map((s) => [
      `${f0(s.shoppers)} over ${f1(s.arrivalMs / 1000)} s`,
      f0(shoppersPerSecond(s)),
      s.units,
      s.placed,
      s.refusedAtCart,
      s.refusedAtCheckout,
      s.errors,
      f1(s.ordersPerSecond),
      f0(s.placement.p50),
      f0(s.placement.p99),
      f1(s.pages.p50),
      f1(s.pages.p99),
      s.paidUnits,
      `${s.hoarder.placed} / ${s.hoarder.refusedAtCart + s.hoarder.refusedAtCheckout} / ${s.hoarder.unitsHeld}`,
      s.stockLeft,
      s.oversold,
      s.problems.length === 0 ? "ok" : `**FAILED**: ${s.problems.join("; ")}`,
    ]),
  );
  const first = r.sales[0];
  return [
    `## ${r.database}`,
    "",
    "Cached pages against the same HTML as a static file from `public/`, same `next start`, c16, alternating:",
    "",
    pageTable(r.pages),
    "",
    first
      ? `The sales: one per row, the drop restocked to ${first.units} units before each. Each shopper browses the catalogue and the product page, adds one unit, opens the checkout and places the order over HTTP; generate-order answered after ${first.dokuDelayMs} ms; every order placed then approved. Among them a hoarder, one shopper (one email and phone) who from the start tries ${first.hoarder.tries} times to order 99, then the product's most per order (${HOARDER_MAX_PER_ORDER}), and never pays: the shop holds them to ${HOARDER_MAX_PER_ORDER} per order and 2 unpaid orders. Page times are every GET the shoppers made during the sale. "database ok": exactly the units in stock paid by the real shoppers or held by the hoarder, none left, the units in orders equal to the orders placed, none oversold.`
      : "No sale ran.",
    "",
    sales,
    "",
    "A shopper waiting on the order page asks every 2 s whether the order has changed (200 waiting shoppers: 100 requests/s). The status read it asks (`/api/orders/<token>/status`) against the order page rendered anew for `router.refresh()`, which is what each poll cost before (an RSC request), c16, alternating:",
    "",
    table(
      [
        "round",
        "status read req/s",
        "p50 ms",
        "p99 ms",
        "failed",
        "page re-render req/s",
        "p50 ms",
        "p99 ms",
        "failed",
        "read / re-render",
      ],
      r.poll.map((p) => [
        p.round,
        ...loadCells(p.status),
        ...loadCells(p.refresh),
        `${f1(p.status.rps / p.refresh.rps)}×`,
      ]),
    ),
  ].join("\n");
}

/** The fastest arrival rate whose placement p99 met the target, if any. */
function placementTarget(r: FlashResult): string {
  const met = r.sales.filter((s) => s.placement.p99 < PLACEMENT_TARGET_P99_MS);
  const missed = r.sales.filter((s) => s.placement.p99 >= PLACEMENT_TARGET_P99_MS);
  const rate = (s: SaleResult) =>
    `${f0(shoppersPerSecond(s))} shoppers/s (${f0(s.placement.p99)} ms)`;
  return [
    met.length ? `met at ${met.map(rate).join(", ")}` : "",
    missed.length ? `**missed** at ${missed.map(rate).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function renderFlashResults(
  startedAt: Date,
  loads: number[][],
  floor: PageFloor,
  results: FlashResult[],
): string {
  const floorRatio = median(floor.pairs.map((p) => p.page.rps / p.file.rps));
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const targets = results.flatMap((r) => [
    ...pageSummary(r).map(
      (p) =>
        `- ${r.database}, ${p.label} page / static file ≥ ${PAGE_TARGET_RATIO}×: ${f2(p.ratio)}× — ${p.ratio >= PAGE_TARGET_RATIO ? "met" : "**missed**"} (${f2(p.ratio / floorRatio)} of the bare page's ${f2(floorRatio)}×); ` +
        `p99 < ${PAGE_TARGET_P99_MS} ms: ${f1(p.p99)} ms (worst round) — ${p.p99 < PAGE_TARGET_P99_MS ? "met" : "**missed**"}` +
        (p.failed
          ? `; **${f0(p.failed)} requests failed** (the figures count successful ones only)`
          : ""),
    ),
    `- ${r.database}, flash sales: ${r.sales.reduce((n, s) => n + s.errors, 0)} errors, ${r.sales.reduce((n, s) => n + s.oversold, 0)} oversold — ${r.sales.every(salePassed) ? "met" : "**missed**"}; placement p99 < ${PLACEMENT_TARGET_P99_MS} ms: ${placementTarget(r)}`,
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
    "## The framework's floor",
    "",
    `A bare App Router app (\`bench/reference/bare-page/\`: one prerendered page of ${f0(floor.bytes)} bytes, no proxy, no cache handler, no headers, no i18n), built on its own, against the same HTML as a static file on its own \`next start\`, c16, alternating. No App Router page served by \`next start\` on this machine does better than this ratio:`,
    "",
    pageTable(floor.pairs),
    "",
    ...results.flatMap((r) => [section(r), ""]),
  ].join("\n");
}
