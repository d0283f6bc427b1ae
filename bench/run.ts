// `npm run bench`: builds the bench workspace once (bench/workspace.ts), then measures the app on
// SQLite and on PostgreSQL (bench/measure.ts, one process per database), prints every figure and
// writes bench/results.md. Exit code 1 when a run left the database wrong (a payment lost or
// doubled, a notification not recorded, an order not placed) or could not run.
// Sizes: BENCH_N (notifications per run, default 2000), BENCH_ORDERS (checkout placements,
// default 200). CPU-heavy: run it as `flock /tmp/heavy.lock npm run bench`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { onBothDatabases } from "./databases";
import {
  c16Ratio,
  passed,
  renderResults,
  TARGET_RATIO,
  type DatabaseResult,
  type RunInfo,
} from "./report";
import {
  APP_DIR,
  BENCH_DIR,
  buildWorkspace,
  measureInChild,
  placeOrderActionId,
} from "./workspace";

function intEnv(name: string, fallback: number, min: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be a whole number ≥ ${min} (got ${process.env[name]})`);
    process.exit(2);
  }
  return value;
}

const info: RunInfo = {
  startedAt: new Date(),
  loadBefore: loadavg(),
  loadAfter: [],
  n: intEnv("BENCH_N", 2000, 16),
  orders: intEnv("BENCH_ORDERS", 200, 1),
  rounds: 3,
};
console.log(
  `npm run bench: ${info.n} notifications per run, ${info.orders} placements; load average ${info.loadBefore.map((l) => l.toFixed(2)).join(" ")}`,
);
mkdirSync(BENCH_DIR, { recursive: true });

// BENCH_SKIP_BUILD=1 reuses the last workspace build (for working on the bench itself).
if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(join(APP_DIR, ".next", "BUILD_ID")))
  console.log("reusing the build in .bench/app");
else console.log(`built .bench/app: ${buildWorkspace()}`);
const actionId = placeOrderActionId();

/** Databases whose measuring process exited non-zero: its own checks failed, whatever its result says. */
const childFailures: string[] = [];

/** bench/measure.ts on one database; null when it could not finish. */
async function measure(
  database: DatabaseResult["database"],
  url: string,
): Promise<DatabaseResult | null> {
  const { result, exitCode } = await measureInChild<DatabaseResult>(
    "bench/measure.ts",
    database,
    url,
    {
      BENCH_N: String(info.n),
      BENCH_ORDERS: String(info.orders),
      BENCH_ROUNDS: String(info.rounds),
      BENCH_ACTION_ID: actionId,
    },
  );
  if (exitCode !== 0) childFailures.push(`${database} (exit ${exitCode})`);
  return result;
}

const { results, complete } = await onBothDatabases("sqlite", measure);
const sqlite = results.find((r) => r.database === "SQLite");

info.loadAfter = loadavg();
const markdown =
  renderResults(info, results) +
  (complete ? "" : "\n**A database's run did not finish: see the output of `npm run bench`.**\n");
console.log(`\n${markdown}`);
writeFileSync("bench/results.md", markdown);
console.log("written to bench/results.md");

const ok = complete && childFailures.length === 0 && results.every(passed);
const sqliteRatio = sqlite ? c16Ratio(sqlite) : NaN;
console.log(
  `${ok ? "every check passed" : "FAILED: a database check failed or a run did not finish"}; ` +
    `SQLite c16 app / no-op ${sqliteRatio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×: ${sqliteRatio >= TARGET_RATIO ? "met" : "missed"})`,
);
process.exit(ok ? 0 : 1);
