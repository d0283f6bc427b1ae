// `npm run bench:flood`: what a stranger's requests cost the server's disk. Builds the bench
// workspace (bench/workspace.ts; BENCH_SKIP_BUILD=1 reuses it), seeds a SQLite database, starts
// `next start`, then sends BENCH_FLOOD_REQUESTS (2000) GETs that no shop link makes: unknown
// product slugs (some over 255 bytes), paths with static-file extensions, unknown language
// prefixes and /api paths. Prints the size and file count of the build's cache folders before
// and after, and exits 1 if they grew by more than a few pages (the cache of the real pages,
// which the flood may trigger once). CPU-heavy: `flock /tmp/heavy.lock npm run bench:flood`.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "@/lib/db/connection";
import { seedDatabase } from "@/lib/db/seed";
import { startServers } from "./servers";
import { APP_DIR, BENCH_DIR, buildWorkspace } from "./workspace";

const requests = Number(process.env.BENCH_FLOOD_REQUESTS || 2000);
const concurrency = 16;
// The cached pages the shop really has (catalogue and every product, in both languages) stay far
// below this; a flood that is stored grows by tens of megabytes.
const ALLOWED_GROWTH_BYTES = 5 * 1024 * 1024;

if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(join(APP_DIR, ".next", "BUILD_ID")))
  console.log("reusing the build in .bench/app");
else console.log(`built .bench/app: ${buildWorkspace()}`);

/** Bytes and files under the build's folder, where Next's page cache writes (`.next/server/route-cache`, …). */
function cacheFootprint(): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        bytes += statSync(path).size;
        files += 1;
      }
    }
  };
  walk(join(APP_DIR, ".next"));
  return { bytes, files };
}

/** One path a stranger might send, chosen in turn from the kinds the attack used. */
function strangePath(i: number): string {
  const token = randomBytes(8).toString("hex");
  const kinds = [
    `/products/${token}`,
    `/products/${"x".repeat(300)}${token}`,
    `/x${token}.png`,
    `/x${token}.txt`,
    `/x${token}.html`,
    `/x${token}.svg`,
    `/x${token}.jpg`,
    `/favicon.ico/${token}`,
    `/api/products/${token}`,
    `/api/orders/${token}`,
    `/${token}`,
    `/${token}/products/${token}`,
  ];
  return kinds[i % kinds.length]!;
}

const databaseFile = join(BENCH_DIR, "flood.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
const database = openDatabase(databaseFile, { migrationsRoot: APP_DIR });
await database.migrate();
await seedDatabase(database);
await database.close();

// Start from an empty page cache, so that "before" is what the build itself wrote.
const servers = await startServers("flood", databaseFile);
let exitCode = 0;
try {
  // The real pages, once each, so their cache entries are in "before" and not counted as growth.
  const realPaths = ["/", "/products/lintas-x5-smartphone"];
  for (const path of realPaths)
    await fetch(`${servers.appUrl}${path}`).then((r) => r.arrayBuffer());
  await new Promise((r) => setTimeout(r, 500));
  const before = cacheFootprint();

  const statuses = new Map<number, number>();
  const startedAt = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const response = await fetch(`${servers.appUrl}${strangePath(i)}`, {
          redirect: "manual",
        }).catch(() => null);
        const status = response?.status ?? 0;
        await response?.arrayBuffer().catch(() => undefined);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (Date.now() - startedAt) / 1000;
  // The cache handler writes after the response; give the last writes time to land.
  await new Promise((r) => setTimeout(r, 1000));
  const after = cacheFootprint();

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  console.log(
    `${requests} requests in ${seconds.toFixed(1)} s at c${concurrency}; answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`,
  );
  console.log(`page cache before: ${mb(before.bytes)} MB in ${before.files} files`);
  console.log(`page cache after:  ${mb(after.bytes)} MB in ${after.files} files`);
  console.log(`growth: ${mb(after.bytes - before.bytes)} MB, ${after.files - before.files} files`);
  if (statuses.has(0)) {
    console.error("FAILED: some requests got no answer");
    exitCode = 1;
  }
  if (after.bytes - before.bytes > ALLOWED_GROWTH_BYTES) {
    console.error(`FAILED: the flood grew the disk by more than ${mb(ALLOWED_GROWTH_BYTES)} MB`);
    exitCode = 1;
  }
} finally {
  await servers.stop();
}
process.exit(exitCode);
