// The figures of one run as markdown: printed, and written to bench/results.md.
import { availableParallelism, cpus, totalmem } from "node:os";
import type { Placement } from "./checkout";
import type { LoadResult } from "./load";
import type { Check } from "./notifications";

/** The SQLite target: our handler costs at most this much of the framework's throughput. */
export const TARGET_RATIO = 0.6;

/** An app run and the no-op run that followed it with the same requests at the same concurrency. */
export interface Pair {
  label: string;
  app: LoadResult;
  noop: LoadResult;
}

/** What bench/measure.ts hands back for one database. */
export interface DatabaseResult {
  database: "SQLite" | "PostgreSQL";
  pairs: Pair[];
  ingest: Check;
  checkout: Placement & { check: Check };
}

export interface RunInfo {
  startedAt: Date;
  loadBefore: number[];
  loadAfter: number[];
  n: number;
  orders: number;
  rounds: number;
}

const ratio = (p: Pair) => p.app.rps / p.noop.rps;

/** The c16 ratio a database is judged on: the median of its c16 rounds. */
export function c16Ratio(result: DatabaseResult): number {
  const ratios = result.pairs
    .filter((p) => p.app.connections === 16)
    .map(ratio)
    .sort((a, b) => a - b);
  return ratios[Math.floor((ratios.length - 1) / 2)] ?? NaN;
}

export const passed = (result: DatabaseResult) =>
  result.ingest.ok &&
  result.checkout.check.ok &&
  result.checkout.failures.length === 0 &&
  result.pairs.every((p) =>
    [p.app, p.noop].every((l) => l.errors === 0 && l.non2xx === 0 && l.completed === l.sent),
  );

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const loads = (l: number[]) => l.map(f2).join(" / ");

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

function databaseSection(r: DatabaseResult): string {
  const loadCells = (l: LoadResult) => [f0(l.rps), f2(l.p50), f2(l.p99), l.errors + l.non2xx];
  const ingest = table(
    [
      "run",
      "c",
      "requests",
      "app req/s",
      "p50 ms",
      "p99 ms",
      "failed",
      "no-op req/s",
      "p50 ms",
      "p99 ms",
      "failed",
      "app / no-op",
    ],
    r.pairs.map((p) => [
      p.label,
      p.app.connections,
      f0(p.app.completed),
      ...loadCells(p.app),
      ...loadCells(p.noop),
      `${f2(ratio(p))}×`,
    ]),
  );
  const c = r.checkout;
  const checkout = table(
    ["orders placed", "p50 ms", "p99 ms", "failures"],
    [[f0(c.placed), f1(c.p50), f1(c.p99), c.failures.length]],
  );
  const checks = [
    `- Database after the ingest: ${r.ingest.ok ? `ok (${r.ingest.summary})` : `**FAILED**: ${r.ingest.problems.join("; ")}`}`,
    `- Database after checkout: ${c.check.ok ? `ok (${c.check.summary})` : `**FAILED**: ${c.check.problems.join("; ")}`}`,
    ...c.failures.slice(0, 3).map((f) => `- placement failure: ${f}`),
  ];
  return [
    `## ${r.database}`,
    "",
    `Notification ingest through \`next start\`: app = \`POST /api/doku/notifications\`, no-op = the reference route on the same server, same requests. c16 app / no-op (median of the c16 rounds): **${f2(c16Ratio(r))}×**.`,
    "",
    ingest,
    "",
    "Checkout placement (the `placeOrderAction` server action over HTTP, one at a time, the sandbox answering generate-order):",
    "",
    checkout,
    "",
    ...checks,
  ].join("\n");
}

export function renderResults(info: RunInfo, results: DatabaseResult[]): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const sqlite = results.find((r) => r.database === "SQLite");
  const postgres = results.find((r) => r.database === "PostgreSQL");
  const sqliteRatio = sqlite ? c16Ratio(sqlite) : NaN;
  const target = [
    `- SQLite, c16 app / no-op ≥ ${TARGET_RATIO}×: ${f2(sqliteRatio)}× — ${sqliteRatio >= TARGET_RATIO ? "met" : "**missed**"}`,
    `- PostgreSQL, c16 app / no-op (reported, no target): ${postgres ? `${f2(c16Ratio(postgres))}×` : "not run"}`,
    `- Correctness (every attempt paid exactly once, every notification recorded, every order placed): ${results.every(passed) ? "ok" : "**FAILED**"}`,
  ];
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/README.md says what is measured and how). Do not edit by hand.",
    "",
    `- Date: ${info.startedAt.toISOString()}`,
    `- Machine: ${availableParallelism()} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    `- Load average (1 / 5 / 15 min): ${loads(info.loadBefore)} at the start, ${loads(info.loadAfter)} at the end (the machine is shared)`,
    `- Sizes: ${f0(info.n)} notifications per run (BENCH_N), ${info.rounds} rounds at c16, ${f0(info.orders)} checkout placements (BENCH_ORDERS)`,
    "",
    "## Target",
    "",
    ...target,
    "",
    ...results.flatMap((r) => [databaseSection(r), ""]),
  ].join("\n");
}
