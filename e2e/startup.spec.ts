// `next start` fails closed: it refuses to serve with missing configuration, and in production
// with a secret published in .env.example, a weak AUTH_SECRET, plain http or an admin still on
// the default password.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseEnv as parseDotEnv } from "node:util";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";

/**
 * This build, served from a directory without the checkout's .env (which `npm run demo` creates and
 * `next start` would read), so that the server sees exactly the environment a test gives it.
 */
function buildWithoutDotEnv(): string {
  const dir = mkdtempSync(join(tmpdir(), "tn-startup-"));
  for (const name of [".next", "node_modules", "public", "package.json", "next.config.mjs"])
    symlinkSync(resolve(name), join(dir, name));
  return dir;
}

function startServer(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", buildWithoutDotEnv(), "-p", "3990"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          NEXT_TELEMETRY_DISABLED: "1",
          NODE_ENV: "production",
          ...env,
        },
      },
    );
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
  for (const name of [
    "DOKU_BASE_URL",
    "DOKU_SECRET_KEY",
    "APP_BASE_URL",
    "AUTH_SECRET",
    "DATABASE_URL",
  ]) {
    expect(output).toContain(`${name}: is required`);
  }
  expect(output).not.toContain("DOKU_CLIENT_ID:");
});

test("production refuses to start while an admin has the default password", async () => {
  const database = join(mkdtempSync(join(tmpdir(), "default-admin-")), "shop.db");
  const env = {
    ...E2E.env,
    DATABASE_URL: database,
    APP_BASE_URL: "http://localhost:3990",
    ADMIN_PASSWORD: "sandbox-admin-change-me",
  };
  const seeded = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"],
    { env: { ...process.env, ...env } },
  );
  expect(seeded.status, seeded.stderr.toString()).toBe(0);

  const { code, output } = await startServer(env);
  expect(code).toBe(1);
  expect(output).toContain(
    "Refusing to start in production:\n  - admin@e2e.example still use(s) the default admin password",
  );
});

/** A seeded database of its own, with a strong admin password. */
function seededDatabase(): string {
  const database = join(mkdtempSync(join(tmpdir(), "published-")), "shop.db");
  const seeded = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"],
    {
      env: { ...process.env, ...E2E.env, DATABASE_URL: database },
    },
  );
  expect(seeded.status, seeded.stderr.toString()).toBe(0);
  return database;
}

test("production refuses every secret published in .env.example, and plain http, listing them all at once @faults", async () => {
  const example = parseDotEnv(readFileSync(".env.example", "utf8"));
  const database = seededDatabase();
  const { ALLOW_HTTP_APP_BASE_URL: _allowed, ...withoutHttpAllowed } = E2E.env;
  const { code, output } = await startServer({
    ...withoutHttpAllowed,
    DATABASE_URL: database,
    AUTH_SECRET: example.AUTH_SECRET!,
    DOKU_SECRET_KEY: example.DOKU_SECRET_KEY!,
    APP_BASE_URL: "http://shop.example",
  });
  expect(code).toBe(1);
  expect(output).toContain("Refusing to start in production:");
  expect(output).toContain("AUTH_SECRET is the one published in .env.example");
  expect(output).toContain("DOKU_SECRET_KEY is the one published in .env.example");
  expect(output).toContain("APP_BASE_URL (http://shop.example) is not https");
});

test("production refuses an AUTH_SECRET of less than 32 random bytes @faults", async () => {
  const database = seededDatabase();
  const { code, output } = await startServer({
    ...E2E.env,
    DATABASE_URL: database,
    AUTH_SECRET: "0123456789abcdef".repeat(4),
  });
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET holds at most 64 bits of entropy; sessions need 256");
  expect(output).not.toContain("APP_BASE_URL");
});
