// The Docker image's runtime, without Docker: the files its runtime stage copies (read from the
// Dockerfile's own COPY lines) laid out in a clean folder, its CMD run there, then the health URL,
// the admin, and a backup that restores.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { openDatabase } from "@/lib/db/connection";
import { createPendingOrder } from "@/tests/support/pending-order";
import { E2E } from "./support/env";
import { screenshotPath } from "./support/screenshots";
import { answers } from "./support/second-app";

const PORT = 3300;

/** The runtime stage's `COPY --from=build … /app/<src> … <dest>` lines, as [source, destination] pairs. */
function runtimeCopies(dockerfile: string): [string, string][] {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  return [...runtime.matchAll(/^COPY --from=build(?: --chown=\S+)? (.+)$/gm)].flatMap(
    ([, args]) => {
      const parts = args!.trim().split(/\s+/);
      const dest = parts.pop()!;
      return parts.map((src): [string, string] => {
        const name = src.replace(/^\/app\//, "");
        return [
          name,
          dest.endsWith("/") || parts.length > 1 ? join(dest, name.split("/").pop()!) : dest,
        ];
      });
    },
  );
}

test("the image's runtime stage serves from a clean folder: migrate, start, health, admin, backup and restore; a failing page shows the shop's error page @faults", async ({
  page,
}) => {
  test.setTimeout(90_000);
  expect(await answers(`http://localhost:${PORT}/`), `port ${PORT} must be free`).toBeNull();
  const dockerfile = readFileSync("Dockerfile", "utf8");
  const copies = runtimeCopies(dockerfile);
  expect(copies.map(([src]) => src)).toEqual(
    expect.arrayContaining(["package.json", "node_modules", ".next", "drizzle", "scripts"]),
  );

  const app = mkdtempSync(join(tmpdir(), "tn-image-"));
  for (const [src, dest] of copies) {
    // The two large trees are linked rather than copied; everything else is the file itself.
    if (src === "node_modules" || src === ".next") symlinkSync(resolve(src), join(app, dest));
    else cpSync(src, join(app, dest), { recursive: true });
  }
  const cmd = /^CMD \["sh", "-c", "(.+)"\]$/m.exec(dockerfile)?.[1]?.replace(/\\"/g, '"');
  expect(cmd, "the Dockerfile's CMD").toBeTruthy();
  const data = mkdtempSync(join(tmpdir(), "tn-image-data-"));
  const env = {
    PATH: process.env.PATH ?? "",
    ...E2E.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: join(data, "shop.db"),
    APP_BASE_URL: `http://localhost:${PORT}`,
    PORT: String(PORT),
    RECONCILE_INTERVAL_MS: "0",
  };
  const server = spawn("sh", ["-c", cmd!], { cwd: app, env, detached: true, stdio: "ignore" });
  try {
    await expect
      .poll(() => answers(`http://localhost:${PORT}/api/health`), { timeout: 60_000 })
      .toBe(200);
    const health = await (await fetch(`http://localhost:${PORT}/api/health`)).json();
    expect(health).toEqual({ ok: true, database: "ok" });
    expect(await answers(`http://localhost:${PORT}/`)).toBe(200);

    const tsx = (script: string, args: string[] = [], extra: Record<string, string> = {}) =>
      execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
        cwd: app,
        env: { ...env, ...extra },
        encoding: "utf8",
      });
    expect(
      tsx("scripts/admin-create.ts", [], {
        ADMIN_EMAIL: "owner@toko.example",
        ADMIN_PASSWORD: "owner password 2026",
      }),
    ).toContain("created");
    // Two orders taken while the server holds the database open.
    const shop = openDatabase(env.DATABASE_URL);
    await createPendingOrder(shop);
    await createPendingOrder(shop);
    await shop.close();
    expect(tsx("scripts/db-backup.ts", [join(data, "backups")])).toMatch(
      /backed up .* \(2 orders\)/,
    );
    const [backup] = readdirSync(join(data, "backups"));
    const restored = new Database(join(data, "backups", backup!), { readonly: true });
    try {
      expect(restored.prepare("SELECT email FROM users").all()).toEqual([
        { email: "owner@toko.example" },
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

    // A page whose data is gone fails: the shopper sees the shop's own error page, not a stack.
    const writable = new Database(env.DATABASE_URL);
    writable.exec(
      "DROP TABLE order_items; DROP TABLE payment_events; DROP TABLE payment_attempts; DROP TABLE orders;",
    );
    writable.close();
    const failed = await page.goto(`http://localhost:${PORT}/orders/${"A".repeat(32)}`);
    expect(failed!.status()).toBe(500);
    await expect(page.getByTestId("shop-error")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This page could not be shown",
    );
    await expect(page.getByRole("link", { name: "Back to the shop" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("shop-error.png"), fullPage: true });
  } finally {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      server.kill("SIGKILL");
    }
  }
});
