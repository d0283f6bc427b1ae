// `npm run bench:telemetry`: what observing the shop costs. The same three runs — the catalogue
// (GET /), a cart page (GET /cart with a cart of 1–3 products) and DOKU's notifications (each a
// distinct paid attempt) — against `next start` with tracing off (no OTLP endpoint: no SDK
// loaded) and on (every request traced, spans exported over OTLP/HTTP protobuf to a local
// receiver that accepts and drops them), alternating off/on so the shared machine's drift hits
// both alike. Metrics count in both (they are always on; a scrape is not part of the runs).
// Prints every figure and writes bench/telemetry-results.md. SQLite, one database.
// Sizes: BENCH_TELEMETRY_PAGES (GETs per page run, default 2000), BENCH_TELEMETRY_N
// (notifications per run, default 1500), BENCH_TELEMETRY_ROUNDS (off/on pairs, default 2).
// CPU-heavy: `flock /tmp/heavy.lock npm run bench:telemetry` (BENCH_SKIP_BUILD=1 reuses .bench/app).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { APP_DIR, BENCH_DIR, buildWorkspace, NOTIFICATION_PATH } from "./workspace";

for (const name of Object.keys(process.env)) if (name.startsWith("OTEL_")) delete process.env[name];
const DATABASE = join(BENCH_DIR, "telemetry.db");
process.env.DATABASE_URL = DATABASE;

const intEnv = (name: string, fallback: number) => Number(process.env[name] || fallback);
const pagesPerRun = intEnv("BENCH_TELEMETRY_PAGES", 2000);
const n = intEnv("BENCH_TELEMETRY_N", 1500);
const rounds = intEnv("BENCH_TELEMETRY_ROUNDS", 2);
const CONNECTIONS = 16;
const WARMUP = 200;
const loadBefore = loadavg();

mkdirSync(BENCH_DIR, { recursive: true });
if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(join(APP_DIR, ".next", "BUILD_ID")))
  console.log("reusing the build in .bench/app");
else console.log(`built .bench/app: ${buildWorkspace()}`);

// Modules that read DATABASE_URL when imported (the schema's dialect) come after it is set.
const { openDatabase } = await import("@/lib/db/connection");
const { products } = await import("@/lib/db/schema");
const { seedDatabase } = await import("@/lib/db/seed");
const { seedAdmin } = await import("@/lib/auth/seed-admin");
const { createCarts } = await import("./checkout");
const { runGets, runLoad, failedRequests } = await import("./load");
const { createPendingAttempts, signedSuccess, verifyIngest } = await import("./notifications");
const { startServers } = await import("./servers");
type LoadResult = Awaited<ReturnType<typeof runGets>>;

for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DATABASE}${suffix}`, { force: true });
const database = openDatabase(DATABASE, { migrationsRoot: APP_DIR });
await database.migrate();
await seedDatabase(database);
await database.run((db) => db.update(products).set({ stock: 1_000_000 }));
await seedAdmin(database, "admin@bench.example", randomBytes(18).toString("base64url"));

// Every notification is a distinct pending attempt, sent once: one pool per server start.
const starts = rounds * 2;
const attempts = await createPendingAttempts(database, starts * (WARMUP + n));
const requests = attempts.map(signedSuccess);
const pools = Array.from({ length: starts }, (_, i) =>
  requests.slice(i * (WARMUP + n), (i + 1) * (WARMUP + n)),
);
const [cart] = await createCarts(database, 1);
const cartCookie = `tn_cart=${cart!.id}; NEXT_LOCALE=en`;
console.log(`${attempts.length} pending attempts and one cart inserted`);

// The collector: accepts whatever is exported and keeps nothing but a count.
const received = { requests: 0, bytes: 0 };
const sink = createServer((req, res) => {
  req.on("data", (chunk: Buffer) => (received.bytes += chunk.byteLength));
  req.on("end", () => {
    received.requests++;
    res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});
sink.listen(0, "127.0.0.1");
await new Promise((resolve) => sink.once("listening", resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const isCatalogue = (html: string) =>
  html.includes("/products/") && !html.includes('data-testid="shop-error"');
const isCart = (html: string) =>
  html.includes("/checkout") && !html.includes('data-testid="shop-error"');

type Mode = "off" | "on";
interface Round {
  mode: Mode;
  catalogue: LoadResult;
  cart: LoadResult;
  notifications: LoadResult;
}

const line = (l: LoadResult) =>
  `${Math.round(l.rps).toString().padStart(5)} req/s  p50 ${l.p50.toFixed(2).padStart(6)} ms  p99 ${l.p99.toFixed(2).padStart(7)} ms` +
  (failedRequests(l) ? `  FAILED ${failedRequests(l)}` : "");

async function measure(mode: Mode, pool: typeof requests): Promise<Round> {
  const servers = await startServers(
    `telemetry-${mode}`,
    DATABASE,
    mode === "on"
      ? {
          OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
          OTEL_SERVICE_NAME: "bench",
        }
      : {},
  );
  try {
    const get = (path: string, amount: number, expect: (html: string) => boolean, cookie = "") =>
      runGets(servers.appUrl, path, CONNECTIONS, amount, {
        expect,
        ...(cookie ? { headers: { cookie } } : {}),
      });
    await get("/", WARMUP, isCatalogue, "NEXT_LOCALE=en");
    await get("/cart", WARMUP, isCart, cartCookie);
    await runLoad(servers.appUrl, NOTIFICATION_PATH, CONNECTIONS, pool.slice(0, WARMUP));
    const round: Round = {
      mode,
      catalogue: await get("/", pagesPerRun, isCatalogue, "NEXT_LOCALE=en"),
      cart: await get("/cart", Math.round(pagesPerRun / 2), isCart, cartCookie),
      notifications: await runLoad(
        servers.appUrl,
        NOTIFICATION_PATH,
        CONNECTIONS,
        pool.slice(WARMUP),
      ),
    };
    console.log(
      `tracing ${mode.padEnd(3)}  catalogue ${line(round.catalogue)}\n` +
        `             cart      ${line(round.cart)}\n` +
        `             notify    ${line(round.notifications)}`,
    );
    return round;
  } finally {
    await servers.stop();
  }
}

const results: Round[] = [];
for (let r = 0; r < rounds; r++) {
  results.push(await measure("off", pools[2 * r]!));
  const before = received.requests;
  results.push(await measure("on", pools[2 * r + 1]!));
  if (received.requests === before) throw new Error("tracing on, yet nothing was exported");
}
sink.close();
const ingest = await verifyIngest(database, attempts.length, requests);
await database.close();

const kinds = ["catalogue", "cart", "notifications"] as const;
const mean = (mode: Mode, kind: (typeof kinds)[number], f: (l: LoadResult) => number) => {
  const values = results.filter((r) => r.mode === mode).map((r) => f(r[kind]));
  return values.reduce((a, b) => a + b, 0) / values.length;
};
const failures = results.reduce(
  (sum, r) => sum + kinds.reduce((s, k) => s + failedRequests(r[k]), 0),
  0,
);
const paths = {
  catalogue: "GET / (catalogue)",
  cart: "GET /cart (a cart of 1–3 products)",
  notifications: "POST /api/doku/notifications (each a distinct paid attempt)",
};
const rows = kinds.map((kind) => {
  const off = mean("off", kind, (l) => l.rps);
  const on = mean("on", kind, (l) => l.rps);
  const cost = 1 - on / off;
  return {
    kind,
    cost,
    text:
      `| ${paths[kind]} | ${Math.round(off)} | ${Math.round(on)} | ${(cost * 100).toFixed(1)} % | ` +
      `${mean("off", kind, (l) => l.p50).toFixed(1)} / ${mean("off", kind, (l) => l.p99).toFixed(1)} | ` +
      `${mean("on", kind, (l) => l.p50).toFixed(1)} / ${mean("on", kind, (l) => l.p99).toFixed(1)} |`,
  };
});
const TARGET = 0.1;
const cpu = cpus()[0]?.model ?? "unknown CPU";
const markdown = `# What observing costs (\`npm run bench:telemetry\`)

Run ${new Date().toISOString()} on ${availableParallelism()} cores (${cpu}), load average before
${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")}. SQLite. One \`next start\` per run, ${CONNECTIONS} connections, after a warm-up of
${WARMUP} requests of each kind; ${pagesPerRun} catalogue GETs, ${Math.round(pagesPerRun / 2)} cart
GETs and ${n} notifications per run; ${rounds} rounds of tracing off then on, averaged. **Off**: no
\`OTEL_EXPORTER_OTLP_ENDPOINT\`, so no SDK is loaded. **On**: every request traced (Next's spans
and the shop's), exported over OTLP/HTTP protobuf to a receiver in the bench process that accepts
and drops them (${received.requests} exports, ${(received.bytes / 1e6).toFixed(1)} MB). The
metrics count in both modes.

| run | off req/s | on req/s | cost | off p50 / p99 ms | on p50 / p99 ms |
|---|---|---|---|---|---|
${rows.map((r) => r.text).join("\n")}

Target: tracing costs at most ${TARGET * 100} % of the throughput:
${rows.map((r) => `${r.kind} ${r.cost <= TARGET ? "met" : "missed"}`).join(", ")}.
${failures ? `\n**${failures} requests failed.**\n` : ""}
Database after the runs: ${ingest.ok ? `ok (${ingest.summary})` : `FAILED: ${ingest.problems.join("; ")}`}.

Each round's figures (req/s):

| round | tracing | catalogue | cart | notifications |
|---|---|---|---|---|
${results.map((r, i) => `| ${Math.floor(i / 2) + 1} | ${r.mode} | ${Math.round(r.catalogue.rps)} | ${Math.round(r.cart.rps)} | ${Math.round(r.notifications.rps)} |`).join("\n")}
`;
console.log(`\n${markdown}`);
writeFileSync("bench/telemetry-results.md", markdown);
console.log("written to bench/telemetry-results.md");
process.exit(ingest.ok && failures === 0 ? 0 : 1);
