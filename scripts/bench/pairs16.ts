// `npm run bench:pairs`: only the c16 comparison of `npm run bench`, in more rounds, for judging
// one change to the notification path in a couple of minutes. Each round fires a fresh pool of
// signed SUCCESS notifications at concurrency 16 and then, at once, the no-op route handler for
// the same time, so the shared machine's drift hits both sides alike. Prints each round's ratio and
// the median; writes nothing. BENCH_PAIRS (default 7), BENCH_N (default 5000),
// BENCH_CPU_PROF=1 for a V8 profile of `next start` in .bench/prof/ (the no-op runs are then
// skipped, so the profile is the notification route's alone).
// CPU-heavy: run it as `flock /tmp/heavy.lock npm run bench:pairs`.
import { readFileSync, statSync } from "node:fs";
import { runLoad, type LoadResult } from "./load";
import { createPools, firePool, type Pool } from "./notifications";
import { createDatabase, freshBenchDir, NOOP_PATH, requireBuild, snapshotBuild, startServers, stopChildren } from "./setup";

requireBuild();
const pairs = Number(process.env.BENCH_PAIRS ?? 7);
const n = Number(process.env.BENCH_N ?? 5000);
freshBenchDir();
snapshotBuild();
const app = await createDatabase("app.db", true);
const bare = await createDatabase("bare.db", false);
const { appPort, appPid, sandbox } = await startServers(app.path, bare.path);

/**
 * CPU time of the server's main thread, in ms: the resource both routes saturate (so CPU per
 * request is the cost a change moves). On this shared machine it drifts with the throughput
 * rather than smoothing it, which is why rounds are paired and the median is what counts.
 */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/${appPid}/task/${appPid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, at 100 ticks/s
}

async function measured(run: () => Promise<LoadResult>): Promise<{ load: LoadResult; cpuUs: number }> {
  const before = mainThreadCpuMs();
  const load = await run();
  return { load, cpuUs: ((mainThreadCpuMs() - before) * 1000) / load.completed };
}
const base = `http://127.0.0.1:${appPort}`;
const [warm, ...pools] = createPools(
  app.db,
  [{ name: "warm-up", size: 3000 }, ...Array.from({ length: pairs }, (_, i) => ({ name: `r${i + 1}`, size: n }))],
  sandbox.url,
);
const sample = pools[0]!.notifications[0]!;

async function fire(pool: Pool): Promise<LoadResult> {
  const { load, check } = await firePool(app.db, base, pool, 16, "app");
  if (!check.ok) throw new Error(`DB check failed: ${check.problems.join("; ")}`);
  return load;
}

await fire(warm!);
await runLoad({ label: "noop", baseUrl: base, path: NOOP_PATH, connections: 16, durationS: 2, request: sample });
const profiling = process.env.BENCH_CPU_PROF === "1";
const ratios: number[] = [];
const cpuRatios: number[] = [];
for (const [i, pool] of pools.entries()) {
  const { load: a, cpuUs: appCpu } = await measured(() => fire(pool));
  if (profiling) {
    console.log(`round ${i + 1}: app ${Math.round(a.rps)} req/s, ${appCpu.toFixed(0)} µs main-thread CPU/request (profiled; no no-op run)`);
    continue;
  }
  const durationS = Math.max(2, Math.round(a.seconds));
  const { load: noop, cpuUs: noopCpu } = await measured(() =>
    runLoad({ label: "noop", baseUrl: base, path: NOOP_PATH, connections: 16, durationS, request: sample }),
  );
  ratios.push(a.rps / noop.rps);
  cpuRatios.push(noopCpu / appCpu);
  console.log(
    `round ${i + 1}: app ${Math.round(a.rps)} req/s (p99 ${a.p99.toFixed(1)} ms, non-2xx ${a.non2xx + a.errors}, ${appCpu.toFixed(0)} µs CPU/req, ` +
      `WAL file ${(statSync(`${app.path}-wal`).size / 1e6).toFixed(0)} MB), ` +
      `no-op ${Math.round(noop.rps)} req/s (${noopCpu.toFixed(0)} µs CPU/req), ratio ${ratios.at(-1)!.toFixed(2)}× (by CPU ${cpuRatios.at(-1)!.toFixed(2)}×)`,
  );
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(2)}× (min ${sorted[0]?.toFixed(2)}, max ${sorted.at(-1)?.toFixed(2)})`;
};
if (ratios.length) {
  console.log(`median throughput ratio ${median(ratios)}; median CPU ratio (no-op µs / app µs) ${median(cpuRatios)}; ${pairs} rounds`);
}

app.db.$client.close();
bare.db.$client.close();
await sandbox.close();
stopChildren();
process.exit(0);
