// `npm run bench:office`: the back office at scale. A shop of BENCH_OFFICE_ORDERS (1,000,000)
// orders with ~3 payment events each, on SQLite and on PostgreSQL, built once into
// BENCH_OFFICE_DATA (default .bench/office; the data set is kept there between runs), then the
// orders page per filter, the order page and the CSV export timed through the app's own modules
// (bench/back-office-measure.ts, one process per database and mode). Prints every figure and
// writes bench/back-office-results.md. CPU- and disk-heavy: `flock /tmp/heavy.lock npm run bench:office`.
// BENCH_OFFICE_ONLY=sqlite|postgresql runs one database; BENCH_OFFICE_MODES=queries,export (default
// both; `explain` prints each statement's plan instead, for BENCH_OFFICE_EXPLAIN=<filter labels>).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { createDatabase, startPostgres } from "@/tests/support/postgres-server";
import type { ExportResult, QueriesResult, Timing } from "./back-office-measure";
import { measureInChild } from "./workspace";

const orders = Number(process.env.BENCH_OFFICE_ORDERS || 1_000_000);
const dataDir = resolve(process.env.BENCH_OFFICE_DATA || ".bench/office");
const only = process.env.BENCH_OFFICE_ONLY;
const modes = (process.env.BENCH_OFFICE_MODES || "queries,export").split(",");
mkdirSync(dataDir, { recursive: true });
mkdirSync(".bench", { recursive: true });

const startedAt = new Date();
const loadBefore = loadavg();
console.log(
  `npm run bench:office: ${orders} orders in ${dataDir}; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`,
);

// What lib/env.ts requires of any process of the app; nothing here calls DOKU or sends mail.
const appEnv = {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
  DOKU_BASE_URL: "http://127.0.0.1:9",
  DOKU_CLIENT_ID: "MCH-SANDBOX-BENCH-0001",
  DOKU_SECRET_KEY: `SK-SANDBOX-BENCH-${randomBytes(12).toString("hex")}`,
  APP_BASE_URL: "http://localhost:3000",
  ALLOW_HTTP_APP_BASE_URL: "true",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  SHOP_TIME_ZONE: "Asia/Jakarta",
  RECONCILE_INTERVAL_MS: "0",
  BENCH_OFFICE_ORDERS: String(orders),
};

type Database = "SQLite" | "PostgreSQL";
const results: { queries: QueriesResult[]; exports: ExportResult[] } = { queries: [], exports: [] };

// The shop's export (one row per order), then its bare method for comparison; each in a process of
// its own, so that each peak RSS is that export's alone.
const exportNames = (process.env.BENCH_OFFICE_EXPORT || "app,keyset").split(",").filter(Boolean);

async function measure(database: Database, url: string) {
  for (const mode of modes) {
    for (const exportName of mode === "export" ? exportNames : [""]) {
      const { result } = await measureInChild<QueriesResult | ExportResult>(
        "bench/back-office-measure.ts",
        database,
        url,
        { ...appEnv, BENCH_OFFICE_MODE: mode, BENCH_OFFICE_EXPORT: exportName },
      );
      if (!result) continue;
      if (mode === "queries") results.queries.push(result as QueriesResult);
      if (mode === "export") results.exports.push(result as ExportResult);
    }
  }
}

if (only !== "postgresql") await measure("SQLite", join(dataDir, "back-office.db"));

if (only !== "sqlite") {
  // Its own data folder, kept: the million orders are written once.
  const server = await startPostgres({ dataDir: join(dataDir, "postgres") });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void server.stop().finally(() => process.exit(130)));
  try {
    const admin = new pg.Client({ connectionString: `${server.url}/postgres` });
    await admin.connect();
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'office'`);
    await admin.end();
    const url = rowCount ? `${server.url}/office` : await createDatabase(server.url, "office");
    await measure("PostgreSQL", url);
  } finally {
    await server.stop();
  }
}

const ms = (t: Timing | undefined) => (t ? `${t.p50.toFixed(0)} / ${t.p95.toFixed(0)}` : "—");
const lines = [
  `# The back office at scale (\`npm run bench:office\`)`,
  ``,
  `Run ${startedAt.toISOString()}; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} after. ${orders.toLocaleString("en")} orders; p50 / p95 in ms.`,
  ``,
];
for (const q of results.queries) {
  lines.push(
    `## ${q.database} (${q.runs} runs per filter)`,
    ``,
    `| filter | rows / matching | list + count | status cards | chart | the page's reads together |`,
    `|---|---|---|---|---|---|`,
  );
  for (const f of q.filters) {
    lines.push(
      f.supported
        ? `| ${f.label} | ${f.rows} / ${f.total.toLocaleString("en")} | ${ms(f.list)} | ${ms(f.totals)} | ${ms(f.chart)} | **${ms(f.page)}** |`
        : `| ${f.label} | not a filter of the app yet | | | | |`,
    );
  }
  lines.push(
    ``,
    `Order page (${q.orderPageReads}), ${q.orderPage.n} orders: p50 ${q.orderPage.p50.toFixed(1)}, p95 **${q.orderPage.p95.toFixed(1)}**, max ${q.orderPage.max.toFixed(1)} ms.`,
    ``,
  );
}
for (const e of results.exports) {
  lines.push(
    `Export \`${e.export}\` on ${e.database}: ${e.rows.toLocaleString("en")} rows, ${(e.bytes / 1e6).toFixed(0)} MB in ${e.seconds.toFixed(1)} s, **${Math.round(e.rowsPerSecond).toLocaleString("en")} rows/s**; RSS ${e.rssBeforeMb.toFixed(0)} MB before, **peak ${e.peakRssMb.toFixed(0)} MB**.`,
    ``,
  );
}
const markdown = lines.join("\n");
console.log(`\n${markdown}`);
if (modes.includes("queries") && results.queries.length > 0) {
  writeFileSync("bench/back-office-results.md", markdown);
  console.log("written to bench/back-office-results.md");
}
process.exit(existsSync(dataDir) ? 0 : 1);
