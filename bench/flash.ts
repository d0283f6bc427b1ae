// `npm run bench:flash`: builds the bench workspace once (bench/workspace.ts), then on SQLite and
// on PostgreSQL (bench/flash-measure.ts, one process per database) measures the cached pages
// against static files and runs the flash sale; prints every figure and writes
// bench/flash-results.md. Exit code 1 when a sale left the database wrong (oversold, units lost,
// a shopper's request failed), a page, static-file or poll request failed or was not the intended
// page (the floor's too), a database's process failed its own checks, or a run could not finish.
// CPU-heavy: `flock /tmp/heavy.lock`.
// Sizes: BENCH_SHOPPERS (200), BENCH_UNITS (50), BENCH_DOKU_DELAY_MS (300), BENCH_ARRIVAL_MS
// (2000,6000,12000: one sale per window, the shoppers arriving spread over it, so the report shows
// the placement times at three arrival rates), BENCH_PAGE_REQUESTS (4000 per page run).
// Before the databases, bench/page-floor.ts measures the framework's own floor for the page ratio.
import { existsSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { onBothDatabases } from "./databases";
import { renderFlashResults, requestFailures, salePassed, type FlashResult } from "./flash-report";
import { buildBareApp, measurePageFloor } from "./page-floor";
import {
  APP_DIR,
  BENCH_DIR,
  buildWorkspace,
  measureInChild,
  placeOrderActionId,
} from "./workspace";

function intEnv(name: string, fallback: number, min: number): string {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be a whole number ≥ ${min} (got ${process.env[name]})`);
    process.exit(2);
  }
  return String(value);
}

function windowsEnv(name: string, fallback: string): string {
  const raw = process.env[name] || fallback;
  const values = raw.split(",").map((v) => Number(v.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) {
    console.error(`${name} must be whole numbers of ms, comma-separated (got ${raw})`);
    process.exit(2);
  }
  return values.join(",");
}

const sizes = {
  BENCH_SHOPPERS: intEnv("BENCH_SHOPPERS", 200, 2),
  BENCH_UNITS: intEnv("BENCH_UNITS", 50, 1),
  BENCH_DOKU_DELAY_MS: intEnv("BENCH_DOKU_DELAY_MS", 300, 0),
  BENCH_ARRIVAL_MS: windowsEnv("BENCH_ARRIVAL_MS", "2000,6000,12000"),
  BENCH_PAGE_REQUESTS: intEnv("BENCH_PAGE_REQUESTS", 4000, 100),
};
if (Number(sizes.BENCH_UNITS) >= Number(sizes.BENCH_SHOPPERS)) {
  console.error(
    "BENCH_UNITS must be fewer than BENCH_SHOPPERS: a flash sale has more shoppers than units",
  );
  process.exit(2);
}
const startedAt = new Date();
const loadBefore = loadavg();
console.log(
  `npm run bench:flash: ${sizes.BENCH_SHOPPERS} shoppers for ${sizes.BENCH_UNITS} units; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`,
);

const skipBuild = process.env.BENCH_SKIP_BUILD === "1";
if (skipBuild && existsSync(join(APP_DIR, ".next", "BUILD_ID")))
  console.log("reusing the build in .bench/app");
else console.log(`built .bench/app: ${buildWorkspace()}`);
const actionId = placeOrderActionId();
if (!(skipBuild && existsSync(join(BENCH_DIR, "bare", ".next", "BUILD_ID")))) buildBareApp();
const floor = await measurePageFloor(Number(sizes.BENCH_PAGE_REQUESTS));

/** Why the run fails besides the sales: a measuring process's own checks, failed requests. */
const failures = requestFailures({ pages: floor.pairs }).map((f) => `floor: ${f}`);

/** bench/flash-measure.ts on one database; null when it could not finish. */
async function measure(
  database: FlashResult["database"],
  url: string,
): Promise<FlashResult | null> {
  const { result, exitCode } = await measureInChild<FlashResult>(
    "bench/flash-measure.ts",
    database,
    url,
    { ...sizes, BENCH_ACTION_ID: actionId },
  );
  if (exitCode !== 0) failures.push(`${database}: its process exited ${exitCode}`);
  for (const failure of result ? requestFailures(result) : [])
    failures.push(`${database}: ${failure}`);
  return result;
}

const { results, complete } = await onBothDatabases("flash", measure, {
  postgres: process.env.BENCH_SQLITE_ONLY !== "1",
});

const markdown =
  renderFlashResults(startedAt, [loadBefore, loadavg()], floor, results) +
  (complete
    ? ""
    : "\n**A database's run did not finish: see the output of `npm run bench:flash`.**\n");
console.log(`\n${markdown}`);
writeFileSync("bench/flash-results.md", markdown);
console.log("written to bench/flash-results.md");
for (const failure of failures) console.log(`FAILED: ${failure}`);
const ok = complete && failures.length === 0 && results.every((r) => r.sales.every(salePassed));
console.log(
  ok
    ? "every sale left the database right, and every request got its page"
    : "FAILED: a sale left the database wrong, a request failed, or a run did not finish",
);
process.exit(ok ? 0 : 1);
