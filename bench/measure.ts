// One database's part of `npm run bench`, run by bench/run.ts as a process of its own with
// DATABASE_URL set: lib/db/schema picks its dialect's tables from DATABASE_URL when first imported,
// so each database needs a fresh process. Prints every figure and writes them as JSON to
// BENCH_RESULT for the report. Exit code 1 when the database is not what the requests must leave.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { seedAdmin } from "@/lib/auth/seed-admin";
import { openDatabase } from "@/lib/db/connection";
import { products } from "@/lib/db/schema";
import { seedDatabase } from "@/lib/db/seed";
import { createCarts, placeOrders, verifyOrders } from "./checkout";
import { runLoad, type BenchRequest, type LoadResult } from "./load";
import { createPendingAttempts, signedSuccess, verifyIngest } from "./notifications";
import { passed, type DatabaseResult, type Pair } from "./report";
import { startServers } from "./servers";
import { APP_DIR, NOOP_PATH, NOTIFICATION_PATH } from "./workspace";

const env = (name: string) => process.env[name] ?? "";
const name = env("BENCH_DATABASE") === "PostgreSQL" ? "PostgreSQL" : "SQLite";
const n = Number(env("BENCH_N"));
const orderCount = Number(env("BENCH_ORDERS"));
const rounds = Number(env("BENCH_ROUNDS"));
const actionId = env("BENCH_ACTION_ID");
const warmup = Math.min(n, 500);
const log = (line: string) => console.log(`[${name}] ${line}`);

const database = openDatabase(env("DATABASE_URL"), { migrationsRoot: APP_DIR });
await database.migrate();
await seedDatabase(database);
// Plenty of every product: this bench measures the money path, not a sell-out (bench:flash does).
await database.run((db) => db.update(products).set({ stock: 1_000_000 }));
// Production refuses to start with the published admin password: a random one per run.
await seedAdmin(database, "admin@bench.example", randomBytes(18).toString("base64url"));

// Pools of distinct attempts: the warm-up, c1, then `rounds` at c16; each request is sent once.
const sizes = [warmup, n, ...Array.from({ length: rounds }, () => n)];
let t = performance.now();
const attempts = await createPendingAttempts(
  database,
  sizes.reduce((a, b) => a + b, 0),
);
const requests = attempts.map(signedSuccess);
const pools: BenchRequest[][] = [];
let at = 0;
for (const size of sizes) {
  pools.push(requests.slice(at, at + size));
  at += size;
}
log(
  `${attempts.length} pending orders with their attempts inserted and their notifications signed in ${Math.round(performance.now() - t)} ms`,
);

const servers = await startServers(name.toLowerCase(), env("DATABASE_URL"));
const line = (l: LoadResult) =>
  `${Math.round(l.rps).toString().padStart(5)} req/s  p50 ${l.p50.toFixed(2).padStart(6)} ms  p99 ${l.p99.toFixed(2).padStart(6)} ms` +
  (l.errors + l.non2xx ? `  FAILED ${l.errors} errors, ${l.non2xx} non-2xx` : "");

/** The notifications of `pool` to our route, then the same requests to the no-op route. */
async function pair(label: string, pool: BenchRequest[], connections: number): Promise<Pair> {
  const app = await runLoad(servers.appUrl, NOTIFICATION_PATH, connections, pool);
  const noop = await runLoad(servers.appUrl, NOOP_PATH, connections, pool);
  log(
    `${label.padEnd(8)} c${String(connections).padEnd(2)}  app ${line(app)}  |  no-op ${line(noop)}  |  ${(app.rps / noop.rps).toFixed(2)}×`,
  );
  return { label, app, noop };
}

await pair("warm-up", pools[0]!, 16);
const pairs = [await pair("c1", pools[1]!, 1)];
for (let r = 1; r <= rounds; r++) pairs.push(await pair(`c16 #${r}`, pools[1 + r]!, 16));
const ingest = await verifyIngest(database, attempts.length, requests);
log(
  `database after the ingest: ${ingest.ok ? `ok (${ingest.summary})` : `FAILED: ${ingest.problems.join("; ")}`}`,
);

const carts = await createCarts(database, 10 + orderCount);
const cartIds = carts.map((c) => c.id);
await placeOrders(servers.appUrl, actionId, cartIds.slice(0, 10), servers.sandbox.url);
t = performance.now();
const placement = await placeOrders(
  servers.appUrl,
  actionId,
  cartIds.slice(10),
  servers.sandbox.url,
);
const check = await verifyOrders(database, carts, servers.sandbox.url);
log(
  `checkout: ${placement.placed} orders placed in ${Math.round(performance.now() - t)} ms, p50 ${placement.p50.toFixed(1)} ms, p99 ${placement.p99.toFixed(1)} ms; ` +
    `database ${check.ok ? "ok" : `FAILED: ${check.problems.join("; ")}`}`,
);
for (const failure of placement.failures.slice(0, 3)) log(`  placement failed: ${failure}`);

await servers.stop();
await database.close();
const result: DatabaseResult = { database: name, pairs, ingest, checkout: { ...placement, check } };
writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
process.exit(passed(result) ? 0 : 1);
