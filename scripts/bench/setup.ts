// Step 0 of `npm run bench`: fresh SQLite files under .bench/, the DOKU sandbox in-process, and
// the servers under test (`next start`, the bare node:http server) as child processes that are
// stopped whenever this process ends.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { seedAdmin } from "@/lib/auth/seed-admin";
import { migrateDatabase } from "@/lib/db/migrate";
import { openDatabase, type Db } from "@/lib/db/open";
import { seedDatabase } from "@/lib/db/seed";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";

export const BENCH_DIR = resolve(".bench");
/** A private copy of the production build: others may rebuild .next while the bench runs. */
export const BUILD_DIR = join(BENCH_DIR, "build");
export const SNAPSHOT_NEXT = join(BUILD_DIR, ".next");
export const NOTIFICATION_PATH = "/api/doku/notifications";
export const NOOP_PATH = "/api/bench/noop";

/** Fixed sandbox credentials: the bench signs notifications with them. */
export const DOKU = {
  clientId: "MCH-BENCH-0001",
  secretKey: "SK-BENCH-LOCAL-00000000000000000001",
} as const;

// ------------------------------------------------------------------ child processes ----

const children = new Set<ChildProcess>();

export function stopChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
}

process.on("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the benchmark servers`);
    stopChildren();
    process.exit(130);
  });
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  // Straight to a file: the route's one log line per request must not cost this process CPU.
  const fd = openSync(logFile, "w");
  const child = spawn(command, args, { env, stdio: ["ignore", fd, fd] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Polls `url` until it answers anything at all; fails early if the child dies. */
async function waitForHttp(url: string, init: RequestInit, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${url}: the server exited (${child.exitCode ?? child.signalCode}). Last lines of ${logFile}:\n${tail(logFile)}`);
    }
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    } catch {
      if (Date.now() > deadline) throw new Error(`${url}: no answer within ${timeoutMs} ms. Last lines of ${logFile}:\n${tail(logFile)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// ------------------------------------------------------------------------ databases ----

/** Removes what an earlier bench run left (only its own files: .bench/ is shared with other scripts). */
export function freshBenchDir(): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  const own = ["app.db", "bare.db", "profile.db"].flatMap((db) => [db, `${db}-wal`, `${db}-shm`]);
  for (const name of [...own, "next.log", "bare.log", "build", "prof"]) rmSync(join(BENCH_DIR, name), { recursive: true, force: true });
}

/** A new migrated, seeded SQLite file, with the app's own pragmas (lib/db/open.ts). */
export async function createDatabase(name: string, withAdmin: boolean): Promise<{ path: string; db: Db }> {
  const path = join(BENCH_DIR, name);
  const db = openDatabase(path);
  migrateDatabase(db);
  seedDatabase(db);
  // next start refuses to serve with the default admin password: a random one per run.
  if (withAdmin) await seedAdmin(db, "admin@bench.example", randomBytes(18).toString("base64url"));
  return { path, db };
}

// -------------------------------------------------------------------------- servers ----

export interface Servers {
  sandbox: RunningSandbox;
  appUrl: string;
  appPort: number;
  bareUrl: string;
  appEnv: Record<string, string>;
  /** The `next start` process, for reading its CPU time. */
  appPid: number;
}

export function requireBuild(): void {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build: .next/BUILD_ID is missing. Run `npm run build` first (wrapped in flock /tmp/heavy.lock).");
    process.exit(1);
  }
}

/**
 * Copies .next (without its cache) into .bench/build, next to links to node_modules, public and
 * next.config.mjs, and serves that copy: a `next build` started by someone else during the run
 * then cannot pull the files from under the server. Retried while a build is rewriting .next.
 */
export function snapshotBuild(): string {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const before = existsSync(".next/BUILD_ID") ? readFileSync(".next/BUILD_ID", "utf8") : null;
    rmSync(BUILD_DIR, { recursive: true, force: true });
    mkdirSync(BUILD_DIR, { recursive: true });
    let copied = false;
    if (before) {
      try {
        cpSync(".next", SNAPSHOT_NEXT, {
          recursive: true,
          verbatimSymlinks: true,
          filter: (src) => !/^\.next[\\/](cache|trace|dev)(\b|$)/.test(src),
        });
        copied = true;
      } catch {
        copied = false;
      }
    }
    const after = existsSync(".next/BUILD_ID") ? readFileSync(".next/BUILD_ID", "utf8") : null;
    const complete = ["BUILD_ID", "build-manifest.json", "server/server-reference-manifest.json"].every((f) => existsSync(join(SNAPSHOT_NEXT, f)));
    if (copied && before === after && complete) {
      for (const name of ["node_modules", "public", "next.config.mjs", "package.json"]) symlinkSync(resolve(name), join(BUILD_DIR, name));
      return before!.trim();
    }
    console.log("  .next is being rebuilt by someone else: waiting for it to settle…");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  }
  console.error("Could not copy a consistent build from .next (is a build running in a loop?)");
  process.exit(1);
}

export async function startServers(appDbPath: string, bareDbPath: string): Promise<Servers> {
  const appPort = await freePort();
  const barePort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const sandbox = await startSandbox({
    port: 0,
    clientId: DOKU.clientId,
    secretKey: DOKU.secretKey,
    notificationUrl: `http://127.0.0.1:${appPort}${NOTIFICATION_PATH}`,
    timeScale: 1,
  });
  process.on("exit", () => void sandbox.close());

  const appEnv: Record<string, string> = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: appDbPath,
    DOKU_BASE_URL: sandbox.url,
    DOKU_CLIENT_ID: DOKU.clientId,
    DOKU_SECRET_KEY: DOKU.secretKey,
    DOKU_NOTIFICATION_PATH: NOTIFICATION_PATH,
    APP_BASE_URL: appUrl,
    ALLOW_HTTP_APP_BASE_URL: "true",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    RECONCILE_INTERVAL_MS: "0",
    BENCH_NOOP: "1",
  };
  const baseEnv = { ...process.env };
  delete baseEnv.NODE_OPTIONS;

  // BENCH_CPU_PROF=1: V8 CPU profiles of both servers in .bench/prof/ (written when they stop).
  const profile = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", `--cpu-prof-dir=${join(BENCH_DIR, "prof")}`] : [];
  const nextLog = join(BENCH_DIR, "next.log");
  const next = spawnLogged(
    process.execPath,
    [...profile, resolve("node_modules/next/dist/bin/next"), "start", BUILD_DIR, "-p", String(appPort)],
    { ...baseEnv, ...appEnv },
    nextLog,
  );
  const bareLog = join(BENCH_DIR, "bare.log");
  const bare = spawnLogged(
    process.execPath,
    [...profile, "--conditions=react-server", "--import", "tsx", "scripts/bench/bare-server.ts"],
    { ...baseEnv, ...appEnv, DATABASE_URL: bareDbPath, BARE_PORT: String(barePort) },
    bareLog,
  );

  const started = performance.now();
  const noop = await waitForHttp(`http://127.0.0.1:${appPort}${NOOP_PATH}`, { method: "POST" }, next, nextLog);
  if (noop.status !== 200) {
    throw new Error(
      `POST ${NOOP_PATH} answered ${noop.status}: the build in .next predates app/api/bench/noop/route.ts. Run \`npm run build\`.`,
    );
  }
  console.log(`  next start (the copy in .bench/build) ready on :${appPort} after ${Math.round(performance.now() - started)} ms (log: .bench/next.log)`);
  await waitForHttp(`http://127.0.0.1:${barePort}/health`, {}, bare, bareLog);
  console.log(`  bare node:http server ready on :${barePort} (log: .bench/bare.log)`);
  return { sandbox, appUrl, appPort, bareUrl: `http://127.0.0.1:${barePort}`, appEnv, appPid: next.pid! };
}
