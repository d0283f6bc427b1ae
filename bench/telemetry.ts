// `npm run bench:telemetry`: what observing the shop costs. The same three runs — the catalogue
// (GET /), a cart page (GET /cart with a cart of 1–3 products) and DOKU's notifications (each a
// distinct paid attempt) — against `next start` with tracing off (no OTLP endpoint: no SDK
// loaded), on (every request traced, spans exported over OTLP/HTTP protobuf to a local receiver
// that accepts and drops them) and sampled (the same, one trace in ten kept), alternating
// off/on/sampled so the shared machine's drift hits all three alike. Metrics count in all three
// (they are always on; a scrape is not part of the runs).
// Prints every figure and writes bench/telemetry-results.md. SQLite, one database.
// Sizes: BENCH_TELEMETRY_PAGES (GETs per page run, default 2000), BENCH_TELEMETRY_N
// (notifications per run, default 1500), BENCH_TELEMETRY_ROUNDS (off/on/sampled rounds, default 2).
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
const MODES = ["off", "on", "sampled"] as const;
type Mode = (typeof MODES)[number];
const SAMPLE_RATIO = 0.1;
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
const starts = rounds * MODES.length;
const attempts = await createPendingAttempts(database, starts * (WARMUP + n));
const requests = attempts.map(signedSuccess);
const pools = Array.from({ length: starts }, (_, i) =>
  requests.slice(i * (WARMUP + n), (i + 1) * (WARMUP + n)),
);
const [cart] = await createCarts(database, 1);
const cartCookie = `tn_cart=${cart!.id}; NEXT_LOCALE=en`;
console.log(`${attempts.length} pending attempts and one cart inserted`);

// The collector: accepts whatever is exported and keeps nothing but a count, per mode (the
// server of one mode has stopped, and flushed, before the next one starts).
const received: Record<Mode, { requests: number; bytes: number }> = {
  off: { requests: 0, bytes: 0 },
  on: { requests: 0, bytes: 0 },
  sampled: { requests: 0, bytes: 0 },
};
let current: Mode = "off";
const sink = createServer((req, res) => {
  const counts = received[current];
  req.on("data", (chunk: Buffer) => (counts.bytes += chunk.byteLength));
  req.on("end", () => {
    counts.requests++;
    res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});
sink.listen(0, "127.0.0.1");
await new Promise((resolve) => sink.once("listening", resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl, OTEL_SERVICE_NAME: "bench" };
const modeEnv: Record<Mode, Record<string, string>> = {
  off: {},
  on: tracing,
  // The setting docs/operations.md recommends: @vercel/otel reads these two from the environment.
  sampled: {
    ...tracing,
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: String(SAMPLE_RATIO),
  },
};

const isCatalogue = (html: string) =>
  html.includes("/products/") && !html.includes('data-testid="shop-error"');
const isCart = (html: string) =>
  html.includes("/checkout") && !html.includes('data-testid="shop-error"');

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
  current = mode;
  const servers = await startServers(`telemetry-${mode}`, DATABASE, modeEnv[mode]);
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
      `tracing ${mode.padEnd(7)}  catalogue ${line(round.catalogue)}\n` +
        `                 cart      ${line(round.cart)}\n` +
        `                 notify    ${line(round.notifications)}`,
    );
    return round;
  } finally {
    await servers.stop();
  }
}

const results: Round[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [i, mode] of MODES.entries()) {
    const before = received[mode].requests;
    results.push(await measure(mode, pools[r * MODES.length + i]!));
    if (mode !== "off" && received[mode].requests === before)
      throw new Error(`tracing ${mode}, yet nothing was exported`);
  }
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
const TARGET = 0.1;
const cost = (mode: Mode, kind: (typeof kinds)[number]) =>
  1 - mean(mode, kind, (l) => l.rps) / mean("off", kind, (l) => l.rps);
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const latency = (mode: Mode, kind: (typeof kinds)[number]) =>
  `${mean(mode, kind, (l) => l.p50).toFixed(1)} / ${mean(mode, kind, (l) => l.p99).toFixed(1)}`;
const rows = kinds.map(
  (kind) =>
    `| ${paths[kind]} | ${Math.round(mean("off", kind, (l) => l.rps))} | ` +
    `${Math.round(mean("on", kind, (l) => l.rps))} | ${percent(cost("on", kind))} | ` +
    `${Math.round(mean("sampled", kind, (l) => l.rps))} | ${percent(cost("sampled", kind))} | ` +
    `${latency("off", kind)} | ${latency("on", kind)} | ${latency("sampled", kind)} |`,
);
const verdict = (mode: Mode) =>
  kinds.map((kind) => `${kind} ${cost(mode, kind) <= TARGET ? "met" : "missed"}`).join(", ");
// Every request a server of one mode answered: the warm-ups and the three runs.
const requestsPerMode = rounds * (3 * WARMUP + pagesPerRun + Math.round(pagesPerRun / 2) + n);
const exported = (mode: Mode) =>
  `${received[mode].requests} exports, ${(received[mode].bytes / 1e6).toFixed(1)} MB, ` +
  `${Math.round(received[mode].bytes / requestsPerMode)} bytes per request`;
const cpu = cpus()[0]?.model ?? "unknown CPU";
const markdown = `# What observing costs (\`npm run bench:telemetry\`)

Run ${new Date().toISOString()} on ${availableParallelism()} cores (${cpu}), load average before
${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadavg()
  .map((l) => l.toFixed(2))
  .join(" ")}. SQLite. One \`next start\` per run, ${CONNECTIONS} connections, after a warm-up of
${WARMUP} requests of each kind; ${pagesPerRun} catalogue GETs, ${Math.round(pagesPerRun / 2)} cart
GETs and ${n} notifications per run; ${rounds} rounds of tracing off, on and sampled, averaged.
**Off**: no \`OTEL_EXPORTER_OTLP_ENDPOINT\`, so no SDK is loaded. **On**: every request traced
(Next's spans and the shop's), exported over OTLP/HTTP protobuf to a receiver in the bench process
that accepts and drops them (${exported("on")}). **Sampled**: the same with
\`OTEL_TRACES_SAMPLER=parentbased_traceidratio\` and \`OTEL_TRACES_SAMPLER_ARG=${SAMPLE_RATIO}\`,
one trace in ${Math.round(1 / SAMPLE_RATIO)} kept (${exported("sampled")}). The metrics count in
every mode. Cost: the share of the throughput lost against off.

| run | off req/s | on req/s | on cost | sampled req/s | sampled cost | off p50 / p99 ms | on p50 / p99 ms | sampled p50 / p99 ms |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Target: tracing costs at most ${TARGET * 100} % of the throughput.
On: ${verdict("on")}. Sampled: ${verdict("sampled")}.
${failures ? `\n**${failures} requests failed.**\n` : ""}
Database after the runs: ${ingest.ok ? `ok (${ingest.summary})` : `FAILED: ${ingest.problems.join("; ")}`}.

Each round's figures (req/s):

| round | tracing | catalogue | cart | notifications |
|---|---|---|---|---|
${results.map((r, i) => `| ${Math.floor(i / MODES.length) + 1} | ${r.mode} | ${Math.round(r.catalogue.rps)} | ${Math.round(r.cart.rps)} | ${Math.round(r.notifications.rps)} |`).join("\n")}
`;
console.log(`\n${markdown}`);
writeFileSync("bench/telemetry-results.md", markdown);
console.log("written to bench/telemetry-results.md");
process.exit(ingest.ok && failures === 0 ? 0 : 1);
