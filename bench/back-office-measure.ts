// One database's part of `npm run bench:office`, in a process of its own (lib/db/schema picks its
// dialect from DATABASE_URL when first imported): builds or reuses the data set, then times the
// back office's reads through the app's own modules, as its pages call them. BENCH_OFFICE_MODE:
// `queries` (the orders page per filter, the order page), `export` (one export, alone in this
// process so that its peak RSS is its own), `explain` (each statement of a page with its plan).
import { readFileSync, writeFileSync } from "node:fs";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { openDatabase } from "@/lib/db/connection";
import { ensureDataset, type Dataset } from "./back-office-data";
import { exportsUnderTest } from "./back-office-export";

const env = (name: string) => process.env[name] ?? "";
const name = env("BENCH_DATABASE") === "PostgreSQL" ? "PostgreSQL" : "SQLite";
const mode = env("BENCH_OFFICE_MODE") || "queries";
const runs = Number(env("BENCH_OFFICE_RUNS") || 15);
const log = (line: string) => console.log(`[${name}] ${line}`);

const setup = openDatabase(env("DATABASE_URL"));
const dataset = await ensureDataset(setup, Number(env("BENCH_OFFICE_ORDERS")), log);
const samples = await pickSamples();
await setup.close();

// The app's modules, only now: they open the database of DATABASE_URL on first use.
const { listOrders, statusTotals, dailyPaid, orderDetail, parseOrderFilter } =
  await import("@/lib/admin/orders");
const { orderEmails, unsentEmailCount } = await import("@/lib/admin/emails");
const { orderActivity } = await import("@/lib/admin/activity");
const { orderNotesOf } = await import("@/lib/admin/notes");
const { orderParcels } = await import("@/lib/fulfilment/queries");
const { orderRefundList } = await import("@/lib/refunds/queries");
const { unmatchedNotifications } = await import("@/lib/admin/unmatched");
const { database } = await import("@/lib/db/client");
const zone = "Asia/Jakarta" as const;

export interface Timing {
  label: string;
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function stats(label: string, ms: number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { label, p50: rank(0.5), p95: rank(0.95), max: sorted.at(-1)!, n: sorted.length };
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await work();
  return [performance.now() - t, value];
}

/** Real values to search for: an order from the last tenth of the shop's life, and its attempt. */
async function pickSamples() {
  const id = Math.floor(dataset.orders * 0.93);
  const sql = `SELECT o.public_token AS token, o.customer_email AS email, a.invoice_number AS invoice
    FROM orders o JOIN payment_attempts a ON a.order_id = o.id WHERE o.id = ${id} LIMIT 1`;
  const row =
    setup.driver.dialect === "sqlite"
      ? ((setup.driver.client as BetterSqlite3.Database).prepare(sql).get() as Record<
          string,
          string
        >)
      : ((await (setup.driver.client as pg.Pool).query(sql)).rows[0] as Record<string, string>);
  return { token: row.token!, email: row.email!, invoice: row.invoice! };
}

function shopDay(date: Date, offsetDays: number): string {
  return new Date(date.getTime() + 7 * 3_600_000 + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

type Params = Record<string, string>;

/** The orders page's filters, as its URL gives them; a filter the app does not have yet is skipped. */
function scenarios(data: Dataset): { label: string; params: Params }[] {
  const { builtAt } = data;
  const month = { from: shopDay(builtAt, -40), to: shopDay(builtAt, -10) };
  const [local, domain] = samples.email.split("@");
  return [
    { label: "no filter", params: {} },
    { label: "no filter, page 500", params: { page: "500" } },
    { label: "status paid", params: { status: "paid" } },
    { label: "status pending (rare)", params: { status: "pending" } },
    { label: "status refunded", params: { status: "refunded" } },
    { label: "30 days", params: month },
    { label: "30 days + paid", params: { ...month, status: "paid" } },
    { label: "a year", params: { from: shopDay(builtAt, -400), to: shopDay(builtAt, -35) } },
    { label: "needs review", params: { review: "1" } },
    { label: "fulfilment unfulfilled", params: { fulfilment: "unfulfilled" } },
    { label: "fulfilment shipped", params: { fulfilment: "shipped" } },
    { label: "search invoice", params: { q: samples.invoice.toLowerCase() } },
    { label: "search token", params: { q: samples.token } },
    { label: "search reference", params: { q: samples.token.slice(0, 8).toUpperCase() } },
    { label: "search email (whole)", params: { q: samples.email } },
    { label: "search email (part)", params: { q: `${local!.slice(2)}@${domain!.slice(0, 3)}` } },
    { label: "search, no match", params: { q: "tidak-ada-xyz" } },
  ];
}

/** Whether the app's filter kept every parameter: a filter it lacks falls back to its default. */
function supported(params: Params): boolean {
  const parsed = parseOrderFilter(params) as Record<string, unknown>;
  return Object.keys(params).every((key) => key in parsed);
}

async function ordersPage(params: Params) {
  const filter = parseOrderFilter(params);
  const result = { list: 0, totals: 0, chart: 0, page: 0, rows: 0, total: 0 };
  [result.list] = await timed(async () => {
    const list = await listOrders(filter, zone);
    result.rows = list.rows.length;
    result.total = list.total;
  });
  [result.totals] = await timed(() => statusTotals(filter, zone));
  [result.chart] = await timed(() => dailyPaid(filter, dataset.builtAt, zone));
  // The page's reads together, as it awaits them (app/[locale]/admin/(office)/page.tsx).
  [result.page] = await timed(() =>
    Promise.all([
      listOrders(filter, zone),
      statusTotals(filter, zone),
      dailyPaid(filter, dataset.builtAt, zone),
      unmatchedNotifications(),
      unsentEmailCount(),
    ]),
  );
  return result;
}

/** What the admin order page reads, together, as app/[locale]/admin/(office)/orders/[id]/page.tsx awaits it. */
const ORDER_PAGE_READS =
  "detail + emails + activity + parcels with history + refunds + shipped? + notes";

async function orderPage(id: number) {
  const [ms] = await timed(() =>
    Promise.all([
      orderDetail(id),
      orderEmails(id),
      orderActivity(id),
      orderParcels(id, { history: true }),
      orderRefundList(id),
      orderNotesOf(id),
    ]),
  );
  return ms;
}

export interface QueriesResult {
  database: string;
  orders: number;
  runs: number;
  filters: {
    label: string;
    supported: boolean;
    rows: number;
    total: number;
    list?: Timing;
    totals?: Timing;
    chart?: Timing;
    page?: Timing;
  }[];
  orderPage: Timing;
  /** Which reads the order page's figure holds. */
  orderPageReads: string;
}

async function measureQueries(): Promise<QueriesResult> {
  const filters: QueriesResult["filters"] = [];
  const chosen = env("BENCH_OFFICE_FILTERS").split(",").filter(Boolean);
  for (const { label, params } of scenarios(dataset)) {
    if (chosen.length && !chosen.includes(label)) continue;
    if (!supported(params)) {
      log(`${label.padEnd(24)} not in the app's filter yet: skipped`);
      filters.push({ label, supported: false, rows: 0, total: 0 });
      continue;
    }
    await ordersPage(params); // warm-up: statements prepared, pages cached
    const all: Awaited<ReturnType<typeof ordersPage>>[] = [];
    for (let r = 0; r < runs; r++) all.push(await ordersPage(params));
    const entry = {
      label,
      supported: true,
      rows: all[0]!.rows,
      total: all[0]!.total,
      list: stats(
        "list",
        all.map((a) => a.list),
      ),
      totals: stats(
        "totals",
        all.map((a) => a.totals),
      ),
      chart: stats(
        "chart",
        all.map((a) => a.chart),
      ),
      page: stats(
        "page",
        all.map((a) => a.page),
      ),
    };
    filters.push(entry);
    const f = (t: Timing) => `${t.p50.toFixed(0).padStart(5)}/${t.p95.toFixed(0).padStart(5)}`;
    log(
      `${label.padEnd(24)} list ${f(entry.list)}  count+cards ${f(entry.totals)}  chart ${f(entry.chart)}  page ${f(entry.page)} ms (p50/p95)  ${entry.rows} rows of ${entry.total}`,
    );
  }
  // Order pages of orders spread over the shop's life, each opened once (a cold-ish read each).
  const ids = Array.from({ length: runs * 4 }, (_, j) =>
    Math.max(1, Math.floor(((j * 7919) % dataset.orders) + 1)),
  );
  await orderPage(ids[0]!);
  const times: number[] = [];
  for (const id of ids) times.push(await orderPage(id));
  const order = stats("order page", times);
  log(
    `order page (${ORDER_PAGE_READS}): p50 ${order.p50.toFixed(1)} p95 ${order.p95.toFixed(1)} max ${order.max.toFixed(1)} ms over ${order.n} orders`,
  );
  return {
    database: name,
    orders: dataset.orders,
    runs,
    filters,
    orderPage: order,
    orderPageReads: ORDER_PAGE_READS,
  };
}

export interface ExportResult {
  database: string;
  export: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
/** The process's peak resident set since it started (VmHWM), in MB. */
const peakRssMb = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;

async function measureExport(): Promise<ExportResult> {
  const which = env("BENCH_OFFICE_EXPORT") || "app";
  const source = exportsUnderTest[which];
  if (!source) throw new Error(`BENCH_OFFICE_EXPORT: no export "${which}"`);
  await database().ping();
  // Loaded before the baseline, as a running server has it loaded: the figure is the export's.
  await import("@/lib/admin/export");
  const before = rssMb();
  let sampled = before;
  const sampler = setInterval(() => (sampled = Math.max(sampled, rssMb())), 50);
  const decoder = new TextDecoder();
  let bytes = 0;
  let lines = 0;
  const t = performance.now();
  for await (const chunk of source()) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    bytes += Buffer.byteLength(text);
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  }
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const rows = lines - 1; // the header
  const result = {
    database: name,
    export: which,
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssBeforeMb: before,
    peakRssMb: Math.max(peakRssMb(), sampled),
  };
  log(
    `export "${which}": ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round(result.rowsPerSecond)} rows/s; RSS ${before.toFixed(0)} MB before, peak ${result.peakRssMb.toFixed(0)} MB`,
  );
  return result;
}

/** Every statement the orders page and an order page run for `params`, with its plan. */
async function explain(): Promise<null> {
  const captured: { sql: string; params: unknown[]; ms?: number }[] = [];
  const driver = database().driver;
  if (driver.dialect === "sqlite") {
    const client = driver.client as BetterSqlite3.Database;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => {
      const statement = prepare(sql);
      for (const method of ["all", "get", "run", "values"] as const) {
        const original = (statement as unknown as Record<string, (...a: unknown[]) => unknown>)[
          method
        ];
        if (!original) continue;
        (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
          const t = performance.now();
          const value = original.apply(statement, params);
          captured.push({ sql, params, ms: performance.now() - t });
          return value;
        };
      }
      return statement;
    }) as typeof client.prepare;
  } else {
    const pool = driver.client as pg.Pool;
    const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
    (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[]];
      if (typeof first === "string") captured.push({ sql: first, params: second ?? [] });
      else captured.push({ sql: first.text, params: first.values ?? second ?? [] });
      return query(...args);
    };
  }
  const wanted = (env("BENCH_OFFICE_EXPLAIN") || "no filter").split(",");
  for (const { label, params } of scenarios(dataset)) {
    if (!wanted.includes(label) || !supported(params)) continue;
    captured.length = 0;
    const filter = parseOrderFilter(params);
    await listOrders(filter, zone);
    await statusTotals(filter, zone);
    await dailyPaid(filter, dataset.builtAt, zone);
    if (label === "no filter") await orderPage(Math.floor(dataset.orders / 2));
    const seen = [...captured];
    console.log(`\n===== ${name}: ${label} (${JSON.stringify(params)})`);
    for (const { sql, params: values, ms } of seen) {
      console.log(
        `\n-- ${sql}\n-- params ${JSON.stringify(values)}${ms === undefined ? "" : `\n-- ran in ${ms.toFixed(1)} ms`}`,
      );
      if (driver.dialect === "sqlite") {
        const client = driver.client as BetterSqlite3.Database;
        const plan = client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(values as never[]));
        for (const row of plan as { detail: string }[]) console.log(`   ${row.detail}`);
      } else {
        const { rows } = await (driver.client as pg.Pool).query(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          values as unknown[],
        );
        for (const row of rows as { "QUERY PLAN": string }[])
          console.log(`   ${row["QUERY PLAN"]}`);
      }
    }
  }
  return null;
}

const result =
  mode === "export"
    ? await measureExport()
    : mode === "explain"
      ? await explain()
      : await measureQueries();
if (result) writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
await database().close();
process.exit(0);
