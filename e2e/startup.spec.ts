// `next start` fails closed: it refuses to serve with missing configuration or with an admin
// still on the default password from .env.example.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";

/**
 * This build, served from a directory without the checkout's .env (which `npm run demo` creates and
 * `next start` would read), so that the server sees exactly the environment a test gives it.
 */
function buildWithoutDotEnv(): string {
  const dir = mkdtempSync(join(tmpdir(), "tn-startup-"));
  for (const name of [".next", "node_modules", "public", "package.json", "next.config.mjs"]) symlinkSync(resolve(name), join(dir, name));
  return dir;
}

function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", buildWithoutDotEnv(), "-p", "3990"], {
      env: { PATH: process.env.PATH ?? "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

test("missing configuration stops start-up with every problem listed", async () => {
  const { code, output } = await startServer({ DOKU_CLIENT_ID: "MCH-ONLY" });
  expect(code).toBe(1);
  for (const name of ["DOKU_BASE_URL", "DOKU_SECRET_KEY", "APP_BASE_URL", "AUTH_SECRET", "DATABASE_URL"]) {
    expect(output).toContain(`${name}: is required`);
  }
  expect(output).not.toContain("DOKU_CLIENT_ID:");
});

test("production refuses to start while an admin has the default password", async () => {
  const database = join(mkdtempSync(join(tmpdir(), "default-admin-")), "shop.db");
  const env = { ...E2E.env, DATABASE_URL: database, APP_BASE_URL: "http://localhost:3990", ADMIN_PASSWORD: "sandbox-admin-change-me" };
  const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], { env: { ...process.env, ...env } });
  expect(seeded.status, seeded.stderr.toString()).toBe(0);

  const { code, output } = await startServer(env);
  expect(code).toBe(1);
  expect(output).toContain("Refusing to start in production: admin@e2e.example still use(s) the default admin password");
});
