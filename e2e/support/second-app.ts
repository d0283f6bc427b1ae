// A second `next start` of the same build on a database of its own, for tests that kill or
// restart the app, or need a configuration of their own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { openDb, type Queries } from "./db";
import { E2E } from "./env";

export const SECOND_PORT = 3200;
export const SECOND_BASE = `http://localhost:${SECOND_PORT}`;

/**
 * Starts it (on `port`, SECOND_PORT unless a test runs several) on `host`, 127.0.0.1 like the main
 * app (playwright.config.ts) unless given, or Next's default when null (no -H); `stop()` SIGKILLs
 * its process group.
 */
export function startApp(
  env: NodeJS.ProcessEnv,
  port = SECOND_PORT,
  host: string | null = E2E.appHost,
): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      "node_modules/next/dist/bin/next",
      "start",
      ...(host === null ? [] : ["-H", host]),
      "-p",
      String(port),
    ],
    {
      env,
      detached: true,
      stdio: "ignore",
    },
  );
  const exited = once(child, "exit");
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/** The HTTP status `url` answers with, or null when nothing listens. */
export async function answers(url: string): Promise<number | null> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return null;
  }
}

/**
 * The build on SECOND_PORT with a freshly seeded SQLite database of its own, DOKU's notifications
 * sent to it, and `extra` over the e2e settings (e.g. `RECONCILE_INTERVAL_MS: "0"`: no reconciler).
 * Answers once it serves; `close()` stops it and removes its database, also when it failed to start.
 */
export async function startOwnApp(
  extra: Record<string, string> = {},
  options: {
    port?: number;
    /** As startApp's; the app is then reached at `base`. */
    host?: string | null;
    base?: string;
    /** For the server only, not the seed script (a preload, say). */
    serverEnv?: Record<string, string>;
  } = {},
): Promise<{ base: string; databaseUrl: string; db: Queries; close(): Promise<void> }> {
  const port = options.port ?? SECOND_PORT;
  const base = options.base ?? `http://localhost:${port}`;
  expect(await answers(`${base}/`), `port ${port} must be free`).toBeNull();
  const dir = mkdtempSync(join(tmpdir(), "tn-own-app-"));
  const databaseUrl = join(dir, "shop.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E.env,
    DATABASE_URL: databaseUrl,
    APP_BASE_URL: `http://localhost:${port}`,
    DOKU_OVERRIDE_NOTIFICATION_URL: `http://127.0.0.1:${port}${E2E.env.DOKU_NOTIFICATION_PATH}`,
    ...extra,
  };
  let app: ReturnType<typeof startApp> | undefined;
  let own: (Queries & { close(): void }) | undefined;
  const close = async () => {
    await app?.stop();
    own?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], {
      env,
      stdio: "pipe",
    });
    own = openDb(databaseUrl);
    app = startApp(
      { ...env, ...options.serverEnv },
      port,
      options.host === undefined ? E2E.appHost : options.host,
    );
    await expect.poll(() => answers(`${base}/`), { timeout: 60_000 }).toBe(200);
  } catch (error) {
    await close();
    throw error;
  }
  return { base, databaseUrl, db: own, close };
}
