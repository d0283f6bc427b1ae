// `npm run bench`: the benchmarks of issue 6 against the production build in .next. Prints every
// figure and writes docs/benchmarks.md. Sizes: BENCH_N (notifications per pool, default 5000),
// BENCH_ORDERS (checkout placements, default 500), BENCH_NOOP_SECONDS (default 10).
// CPU-heavy: run it as `flock /tmp/heavy.lock npm run bench`.
import { loadavg } from "node:os";
import { createCarts, findActionId, placeOrders, verifyOrders } from "./checkout";
import { runLoad, type LoadResult } from "./load";
import { createPools, firePool, profileInProcess, verifyStorm, type Pool, type PoolCheck } from "./notifications";
import { frameworkFiles, measurePage } from "./page-weight";
import { allChecksPassed, DOC_PATH, tables, targets, writeDoc, type BenchResults } from "./report";
import { createDatabase, freshBenchDir, NOOP_PATH, NOTIFICATION_PATH, requireBuild, snapshotBuild, SNAPSHOT_NEXT, startServers, stopChildren } from "./setup";
import type { Db } from "@/lib/db/open";

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be an integer ≥ ${min} (got ${raw})`);
    process.exit(1);
  }
  return value;
}

const CONCURRENCY = [1, 16, 64] as const;
const STORM = 1000;
const ROUNDS_16 = 5;

requireBuild();
const n = intEnv("BENCH_N", 5000, 64);
const orderCount = intEnv("BENCH_ORDERS", 500, 1);
const noopSeconds = intEnv("BENCH_NOOP_SECONDS", 10, 1);
const warmup = Math.min(1000, Math.max(64, Math.round(n / 5)));
const startedAt = new Date();
const loadAverage = loadavg();
const log = (line: string) => console.log(line);

log(
  `npm run bench: N=${n}, orders=${orderCount}, no-op ${noopSeconds} s, warm-up ${warmup}; ` +
    `load average ${loadAverage.map((l) => l.toFixed(2)).join(" ")}`,
);
log("0. setup");
freshBenchDir();
const buildId = snapshotBuild();
const actionId = findActionId();
log(`  build ${buildId} copied to .bench/build; placeOrderAction = ${actionId}`);
const app = await createDatabase("app.db", true);
const bare = await createDatabase("bare.db", false);
const servers = await startServers(app.path, bare.path);
const { appPort, bareUrl, sandbox } = servers;
const appBase = `http://127.0.0.1:${appPort}`;

const t = performance.now();
const sizes = [{ name: "warm-up", size: warmup }, ...CONCURRENCY.map((c) => ({ name: `c${c}`, size: n }))];
// The c16 comparison with the no-op handler is the target: it gets extra rounds, each an app pool
// followed at once by a no-op run, so that the shared machine's drift hits both sides alike.
const extra16 = Array.from({ length: ROUNDS_16 - 1 }, (_, k) => ({ name: `c16 round ${k + 2}`, size: n }));
const appPoolsAll = createPools(app.db, [...sizes, ...extra16, { name: "storm", size: 1 }], sandbox.url);
const [appWarm, ...appPools] = appPoolsAll;
const stormPool = appPools.pop()!;
const [bareWarm, ...barePools] = createPools(bare.db, sizes, sandbox.url);
log(`  pools: ${appPoolsAll.length - 1 + sizes.length - 1} pools, ${2 * warmup + (2 * CONCURRENCY.length + extra16.length) * n + 1} pending orders + attempts created and signed in ${Math.round(performance.now() - t)} ms`);

async function firePoolLogged(db: Db, baseUrl: string, pool: Pool, connections: number, label: string): Promise<{ load: LoadResult; check: PoolCheck }> {
  const { load, check } = await firePool(db, baseUrl, pool, connections, label);
  log(
    `  ${label.padEnd(6)} c${String(connections).padEnd(3)} ${Math.round(load.rps).toString().padStart(6)} req/s  p50 ${load.p50.toFixed(2)} ms  p99 ${load.p99.toFixed(2)} ms  ` +
      `errors ${load.errors}  non-2xx ${load.non2xx}  DB ${check.ok ? "ok" : `FAILED: ${check.problems.join("; ")}`}`,
  );
  return { load, check };
}

// The no-op handler gets the same kind of request: a signed notification's headers and bytes.
const sample = appPools[0]!.notifications[0]!;
async function fireNoop(connections: number): Promise<LoadResult> {
  const load = await runLoad({ label: "noop", baseUrl: appBase, path: NOOP_PATH, connections, durationS: noopSeconds, request: sample });
  log(
    `  noop   c${String(connections).padEnd(3)} ${Math.round(load.rps).toString().padStart(6)} req/s  p50 ${load.p50.toFixed(2)} ms  p99 ${load.p99.toFixed(2)} ms  errors ${load.errors}  non-2xx ${load.non2xx}`,
  );
  return load;
}

// ---------------------------------------------------------------- 1. notification ingest ----
log("1. notification ingest");
const warmApp = await firePoolLogged(app.db, appBase, appWarm!, 16, "app warm-up");
await runLoad({ label: "noop warm-up", baseUrl: appBase, path: NOOP_PATH, connections: 16, durationS: 2, request: sample });
const appRuns: { load: LoadResult; check: PoolCheck }[] = [];
const noopRuns: LoadResult[] = [];
const pairs16: { app: LoadResult; noop: LoadResult }[] = [];
/** An app pool, then at once the no-op handler at the same concurrency. */
async function pairedRound(pool: Pool, connections: number, label: string): Promise<void> {
  const appRun = await firePoolLogged(app.db, appBase, pool, connections, label);
  const noop = await fireNoop(connections);
  appRuns.push(appRun);
  noopRuns.push(noop);
  if (connections === 16) pairs16.push({ app: appRun.load, noop });
}
for (const [i, c] of CONCURRENCY.entries()) await pairedRound(appPools[i]!, c, "app");
for (const [k, pool] of appPools.slice(CONCURRENCY.length).entries()) await pairedRound(pool, 16, `app r${k + 2}`);

const warmBare = await firePoolLogged(bare.db, bareUrl, bareWarm!, 16, "bare warm-up");
const bareRuns = [];
for (const [i, c] of CONCURRENCY.entries()) bareRuns.push(await firePoolLogged(bare.db, bareUrl, barePools[i]!, c, "bare"));

// ---------------------------------------------------------------- 2. duplicate storm ----
log("2. duplicate storm");
const stormLoad = await runLoad({
  label: "storm",
  baseUrl: appBase,
  path: NOTIFICATION_PATH,
  connections: 64,
  amount: STORM,
  request: stormPool.notifications[0]!,
});
const stormCheck = verifyStorm(app.db, stormPool, STORM);
log(
  `  ${STORM}× one Request-Id at c64: ${Math.round(stormLoad.rps)} req/s, non-2xx ${stormLoad.non2xx}, errors ${stormLoad.errors}, ` +
    `paid ${stormCheck.paid}, duplicate ${stormCheck.duplicate} ${stormCheck.ok ? "ok" : `FAILED: ${stormCheck.problems.join("; ")}`}`,
);

// ---------------------------------------------------------------- profile ----
log("   profile: handleNotification in-process");
const profile = await profileInProcess(n, servers.appEnv);
log(
  `  verify ${profile.verifyUs.toFixed(1)} µs/call, handleNotification ${profile.handleUs.toFixed(1)} µs/call (${Math.round(profile.callsPerSecond)}/s), ` +
    `same SQL prepared once ${profile.preparedUs.toFixed(1)} µs/call`,
);

// ---------------------------------------------------------------- 3. checkout ----
log("3. checkout placement");
const warmCarts = createCarts(app.db, 10);
const timedCarts = createCarts(app.db, orderCount);
const [pageCart] = createCarts(app.db, 1);
const checkoutUrl = servers.appUrl;
const warmPlace = await placeOrders(checkoutUrl, actionId, warmCarts, sandbox.url, false);
if (warmPlace.failures.length) log(`  warm-up failures: ${warmPlace.failures.filter(Boolean).join("\n    ")}`);
const placement = await placeOrders(checkoutUrl, actionId, timedCarts, sandbox.url, true);
const ordersCheck = verifyOrders(app.db, timedCarts);
log(
  `  ${placement.placed} orders: p50 ${placement.p50.toFixed(1)} ms, p99 ${placement.p99.toFixed(1)} ms, mean ${placement.mean.toFixed(1)} ms; ` +
    `DB ${ordersCheck.ok ? "ok" : `FAILED (${ordersCheck.orders} orders, ${ordersCheck.pendingAttempts} pending attempts, ${ordersCheck.emptiedCarts} carts emptied)`}`,
);
for (const failure of placement.failures.filter(Boolean)) log(`  failure: ${failure}`);

// ---------------------------------------------------------------- 4. page weight ----
log("4. page weight");
const framework = frameworkFiles(SNAPSHOT_NEXT);
const withCart = { framework, cookie: `tn_cart=${pageCart}` };
const pages = [
  await measurePage(checkoutUrl, "Catalog", "/", { framework }),
  await measurePage(checkoutUrl, "Product", "/products/batik-tulis-parang-shirt", { framework }),
  await measurePage(checkoutUrl, "Cart", "/cart", withCart),
  await measurePage(checkoutUrl, "Checkout", "/checkout", withCart),
  await measurePage(checkoutUrl, "Order", `/orders/${ordersCheck.firstToken ?? "missing"}`, { framework }),
];
for (const p of pages) log(`  ${p.page.padEnd(9)} HTTP ${p.status}  ${p.scripts} scripts  ${p.jsGzipKb.toFixed(1)} kB`);

// ---------------------------------------------------------------- 5. report ----
const results: BenchResults = {
  startedAt,
  loadAverage,
  params: { n, warmup, orders: orderCount, noopSeconds, storm: STORM },
  app: appRuns,
  noop: noopRuns,
  pairs16,
  bare: bareRuns,
  storm: { load: stormLoad, check: stormCheck },
  profile,
  checkout: { result: placement, check: ordersCheck },
  pages,
};
const body = tables(results);
log(`\n${body}\n`);
// Only full-size runs are published: a quick run with small sizes leaves the doc alone.
if (n >= 5000 && orderCount >= 500) {
  writeDoc(results, body);
  log(`written to ${DOC_PATH}`);
} else {
  log(`small sizes (BENCH_N < 5000 or BENCH_ORDERS < 500): ${DOC_PATH} left as it is`);
}

const checksOk = allChecksPassed(results) && warmApp.check.ok && warmBare.check.ok;
const missed = targets(results).filter((x) => !x.met);
log(missed.length ? `targets missed: ${missed.map((x) => x.name).join("; ")}` : "all targets met");
if (!checksOk) log("SOME CORRECTNESS CHECKS FAILED (see the tables)");

app.db.$client.close();
bare.db.$client.close();
await sandbox.close();
stopChildren();
process.exit(checksOk ? 0 : 1);
