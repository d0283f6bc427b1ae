// The servers of one database's run: the DOKU sandbox in this process (it answers at once) and
// `next start` of the bench workspace as a child process, configured the way e2e configures the
// production build (e2e/support/env.ts), with the reconciler off. The child is stopped whenever
// this process ends.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { APP_DIR, BENCH_DIR, NOOP_PATH, NOTIFICATION_PATH } from "./workspace";

/** Sandbox credentials (the sandbox refuses any others); the bench signs notifications with them. */
export const DOKU = {
  clientId: "MCH-SANDBOX-BENCH-0001",
  secretKey: `SK-SANDBOX-BENCH-${randomBytes(12).toString("hex")}`,
} as const;

export interface Servers {
  /** Where autocannon and the checkout requests go. */
  appUrl: string;
  sandbox: RunningSandbox;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGTERM");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

/**
 * `next start` on `databaseUrl`, its output in `.bench/<name>-next.log`; resolves once it answers.
 * `extraEnv` over the usual settings (bench/telemetry.ts turns tracing on with it).
 */
export async function startServers(
  name: string,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Servers> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({
    port: 0,
    clientId: DOKU.clientId,
    secretKey: DOKU.secretKey,
    notificationUrl: `http://127.0.0.1:${port}${NOTIFICATION_PATH}`,
    timeScale: 1,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // next start runs in .bench/app: a relative SQLite path would name another file there.
    DATABASE_URL: /^postgres(ql)?:/i.test(databaseUrl) ? databaseUrl : resolve(databaseUrl),
    DOKU_BASE_URL: sandbox.url,
    DOKU_CLIENT_ID: DOKU.clientId,
    DOKU_SECRET_KEY: DOKU.secretKey,
    DOKU_NOTIFICATION_PATH: NOTIFICATION_PATH,
    APP_BASE_URL: appUrl,
    ALLOW_HTTP_APP_BASE_URL: "true",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
    RECONCILE_INTERVAL_MS: "0",
    ...extraEnv,
  };
  delete env.NODE_OPTIONS;
  // BENCH_CPU_PROF=1: a V8 CPU profile of the server in .bench/prof/, written when it stops.
  const profile =
    process.env.BENCH_CPU_PROF === "1"
      ? ["--cpu-prof", `--cpu-prof-dir=${join(BENCH_DIR, "prof")}`]
      : [];
  const log = join(BENCH_DIR, `${name}-next.log`);
  // Its one log line per notification goes straight to a file, costing this process nothing.
  const fd = openSync(log, "w");
  const child = spawn(
    process.execPath,
    [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(port)],
    {
      cwd: APP_DIR,
      env,
      stdio: ["ignore", fd, fd],
    },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `next start exited (${child.exitCode}); ${log}:\n${readFileSync(log, "utf8").slice(-2000)}`,
      );
    const answer = await fetch(`http://127.0.0.1:${port}${NOOP_PATH}`, {
      method: "POST",
      body: "{}",
    }).catch(() => null);
    if (answer?.ok) break;
    if (answer)
      throw new Error(
        `POST ${NOOP_PATH} answered ${answer.status}: the workspace build has no no-op route`,
      );
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s; see ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    appUrl,
    sandbox,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      children.delete(child);
      await sandbox.close();
    },
  };
}
