// The production scripts a merchant runs by hand: admin:create (no demo catalogue) and db:backup
// (an online copy that restores with every order), and the DATABASE_URL they refuse.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/connection";
import { createPendingOrder } from "../support/pending-order";

const run = (script: string, env: Record<string, string>, args: string[] = []) =>
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" as const, ...env },
    encoding: "utf8",
    stdio: "pipe",
  });

const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("production scripts", () => {
  it("admin:create makes the admin and loads no demo catalogue; it refuses the published password", () => {
    const dir = mkdtempSync(join(tmpdir(), "admin-create-"));
    const env = {
      DATABASE_URL: join(dir, "shop.db"),
      ADMIN_EMAIL: "owner@toko.example",
      ADMIN_PASSWORD: "a real password 2026",
    };
    expect(run("scripts/admin-create.ts", env)).toContain("admin owner@toko.example: created");
    expect(count(env.DATABASE_URL, "users")).toBe(1);
    expect(count(env.DATABASE_URL, "products")).toBe(0);
    expect(() =>
      run("scripts/admin-create.ts", { ...env, ADMIN_PASSWORD: "sandbox-admin-change-me" }),
    ).toThrow(/published in \.env\.example/);
    const role = (email: string) => {
      const db = new Database(env.DATABASE_URL, { readonly: true });
      try {
        return (db.prepare("SELECT role FROM users WHERE email = ?").get(email) as { role: string })
          .role;
      } finally {
        db.close();
      }
    };
    expect(role("owner@toko.example")).toBe("owner");
    const staff = { ...env, ADMIN_EMAIL: "packer@toko.example" };
    expect(run("scripts/admin-create.ts", staff, ["--role", "staff"])).toContain(
      "admin packer@toko.example: created (staff)",
    );
    expect(role("packer@toko.example")).toBe("staff");
    expect(() =>
      run("scripts/admin-create.ts", { ...env, ADMIN_EMAIL: "boss@toko.example" }, [
        "--role",
        "boss",
      ]),
    ).toThrow(/--role must be owner or staff/);
    expect(count(env.DATABASE_URL, "users")).toBe(2);
    expect(count(env.DATABASE_URL, "products")).toBe(0);
  });

  it("db:backup copies the live database into a dated file that restores with every order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const path = join(dir, "shop.db");
    run("scripts/db-seed.ts", {
      DATABASE_URL: path,
      ADMIN_EMAIL: "owner@toko.example",
      ADMIN_PASSWORD: "a real password 2026",
    });
    // The shop is running: a connection holds the file open in WAL mode, with orders not yet checkpointed.
    const live = openDatabase(path);
    try {
      for (let i = 0; i < 3; i++) await createPendingOrder(live);
      const output = run("scripts/db-backup.ts", { DATABASE_URL: path }, [join(dir, "backups")]);
      expect(output).toMatch(/backed up .* \(3 orders\) to .*shop-\d{8}-\d{6}\.db/);
    } finally {
      await live.close();
    }
    const [file] = readdirSync(join(dir, "backups"));
    expect(file).toMatch(/^shop-\d{8}-\d{6}\.db$/);
    const restored = join(dir, "restored.db");
    copyFileSync(join(dir, "backups", file!), restored);
    expect(count(restored, "orders")).toBe(3);
    expect(count(restored, "payment_attempts")).toBe(3);
    expect(count(restored, "users")).toBe(1);
    expect(count(restored, "products")).toBeGreaterThan(0);
  });

  it("stock lists every product's count, sets one and prints it before and after, and refuses what is not a count", () => {
    const dir = mkdtempSync(join(tmpdir(), "stock-"));
    const env = { DATABASE_URL: join(dir, "shop.db") };
    run("scripts/db-seed.ts", {
      ...env,
      ADMIN_EMAIL: "owner@toko.example",
      ADMIN_PASSWORD: "a real password 2026",
    });
    expect(run("scripts/stock.ts", env)).toMatch(/^lintas-x5-smartphone +3 +0 +-$/m);
    expect(run("scripts/stock.ts", env, ["lintas-x5-smartphone", "12"])).toContain(
      "lintas-x5-smartphone: stock 3 → 12",
    );
    expect(
      run("scripts/stock.ts", env, ["lintas-x5-smartphone", "--max-per-order", "2"]),
    ).toContain("lintas-x5-smartphone: most per order no limit → 2");
    expect(run("scripts/stock.ts", env)).toMatch(/^lintas-x5-smartphone +12 +0 +2$/m);
    const refused = (args: string[]) => {
      try {
        run("scripts/stock.ts", env, args);
      } catch (error) {
        return String((error as { stderr?: string }).stderr);
      }
      return expect.fail(`${args.join(" ")} was not refused`);
    };
    expect(refused(["lintas-x5-smartphone", "-1"])).toContain(
      "count: a whole number of units, 0 or more",
    );
    expect(refused(["lintas-x5-smartphone"])).toContain("give a slug and a count");
    expect(refused(["no-such-product", "1"])).toContain('No product with slug "no-such-product"');
    expect(refused(["lintas-x5-smartphone", "--max-per-order", "0"])).toContain(
      "most per order: a whole number of units, 1 or more, or off",
    );
    // Seven runs of tsx, each about a second.
  }, 40_000);

  it("db:backup refuses a PostgreSQL database, pointing to pg_dump, before connecting to it", () => {
    // Nothing listens on port 9: only a refusal that comes before any connection answers at once.
    expect(() =>
      run("scripts/db-backup.ts", { DATABASE_URL: "postgres://shop:secret@127.0.0.1:9/shop" }),
    ).toThrow(/DATABASE_URL is a PostgreSQL URL: use pg_dump/);
  });

  it("the scripts refuse a DATABASE_URL that is neither a SQLite path nor a postgres:// URL", () => {
    expect(() =>
      run("scripts/db-migrate.ts", { DATABASE_URL: "mysql://shop@127.0.0.1/shop" }),
    ).toThrow(/DATABASE_URL starts with "mysql:"/);
  });
});
