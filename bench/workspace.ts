// The bench workspace: a copy of the app exactly as it is in the tree, plus the benchmark's own
// no-op route (bench/reference/noop-route.ts), built once with `next build` in .bench/app. The
// app never contains benchmark code; only this copy does. Building a copy also means that a
// `next build` someone else runs in the tree meanwhile cannot pull files from under the server.
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export const BENCH_DIR = resolve(".bench");
export const APP_DIR = join(BENCH_DIR, "app");
export const NOOP_PATH = "/api/bench-noop";
export const NOTIFICATION_PATH = "/api/doku/notifications";

const SOURCES = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "drizzle",
  "proxy.ts",
  "instrumentation.ts",
  "i18n.d.ts",
  "tsconfig.json",
  "package.json",
];
// app/globals.css loads tailwind.config.ts with @config, so it belongs to the build too.
const CONFIGS = /^(next|postcss|tailwind)\.config\.[cm]?[jt]s$/;

/** Copies the app into .bench/app, adds the no-op route, builds; returns the build id. */
export function buildWorkspace(): string {
  rmSync(APP_DIR, { recursive: true, force: true });
  mkdirSync(APP_DIR, { recursive: true });
  const configs = readdirSync(".").filter((name) => CONFIGS.test(name));
  for (const name of [...SOURCES, ...configs]) {
    if (existsSync(name)) cpSync(name, join(APP_DIR, name), { recursive: true });
  }
  // No lockfile in the copy: Next then takes /work/main (the tree's lockfile) as the root, which
  // holds the node_modules this link points to.
  symlinkSync(resolve("node_modules"), join(APP_DIR, "node_modules"), "dir");
  const noop = join(APP_DIR, "app", NOOP_PATH, "route.ts");
  mkdirSync(dirname(noop), { recursive: true });
  cpSync("bench/reference/noop-route.ts", noop);

  // tsx's loader options are not for the build.
  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  const env = { ...inherited, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: APP_DIR,
    env,
    stdio: "inherit",
  });
  if (build.status !== 0)
    throw new Error(`next build in ${APP_DIR} failed (exit ${build.status ?? build.signal})`);
  return readFileSync(join(APP_DIR, ".next", "BUILD_ID"), "utf8").trim();
}

/** The id of the real checkout server action in this build (it changes with every build). */
export function placeOrderActionId(): string {
  const file = join(APP_DIR, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node?: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node ?? {}).find(
    ([, entry]) =>
      entry.filename?.endsWith("app/[locale]/(shop)/checkout/actions.ts") &&
      entry.exportedName === "placeOrderAction",
  );
  if (!found) throw new Error(`${file}: no placeOrderAction`);
  return found[0];
}

/**
 * A measuring script on one database, in a process of its own (lib/db/schema picks its dialect
 * from DATABASE_URL when first imported); its JSON result (null when it could not finish) and its
 * exit code, which says whether its own checks passed.
 */
export async function measureInChild<T>(
  script: string,
  database: "SQLite" | "PostgreSQL",
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ result: T | null; exitCode: number | null }> {
  const resultFile = join(BENCH_DIR, `${basename(script, ".ts")}-${database.toLowerCase()}.json`);
  rmSync(resultFile, { force: true });
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      BENCH_DATABASE: database,
      BENCH_RESULT: resultFile,
    },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (!existsSync(resultFile)) {
    console.error(`[${database}] did not finish (exit ${code})`);
    return { result: null, exitCode: code };
  }
  if (code !== 0) console.error(`[${database}] finished, but its checks failed (exit ${code})`);
  return { result: JSON.parse(readFileSync(resultFile, "utf8")) as T, exitCode: code };
}
