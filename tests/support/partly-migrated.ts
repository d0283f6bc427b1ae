// A database migrated up to (not including) one migration, for tests of what that migration does
// to rows the shop wrote before it: open it, insert the old rows with `execute`, then `migrateRest`.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject } from "vitest";
import { testDialect } from "./app-db";

const { openDatabase, MIGRATIONS } = await import("@/lib/db/connection");

type Opened = ReturnType<typeof openDatabase>;

async function databaseUrl(): Promise<string> {
  if (testDialect === "sqlite") return join(mkdtempSync(join(tmpdir(), "migrated-")), "shop.db");
  const { createDatabase } = await import("./postgres-server");
  const name = `migrated_${randomBytes(6).toString("hex")}`;
  await createDatabase(inject("postgresServerUrl"), name);
  return `${inject("postgresServerUrl")}/${name}`;
}

/** A copy of the migrations whose journal stops before `tag`, and how to put the rest back. */
function migrationsBefore(tag: string): { root: string; restore: () => void } {
  const root = mkdtempSync(join(tmpdir(), "migrations-"));
  const folder = MIGRATIONS[testDialect];
  cpSync(folder, join(root, folder), { recursive: true });
  const journalPath = join(root, folder, "meta", "_journal.json");
  const full = readFileSync(journalPath, "utf8");
  const journal = JSON.parse(full) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  writeFileSync(
    journalPath,
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
  );
  return { root, restore: () => writeFileSync(journalPath, full) };
}

export interface PartlyMigrated {
  db: Opened;
  /** Runs raw SQL statements, in order (the rows as the shop wrote them before `tag`). */
  execute(statements: string[]): Promise<void>;
  /** Applies `tag` and every migration after it. */
  migrateRest(): Promise<void>;
  rows(query: string): Promise<Record<string, unknown>[]>;
}

/** A new database of the test's dialect, migrated up to the migration named `tag`; close `db` after. */
export async function migratedUpTo(tag: string): Promise<PartlyMigrated> {
  const { root, restore } = migrationsBefore(tag);
  const db = openDatabase(await databaseUrl(), { migrationsRoot: root, poolSize: 2 });
  await db.migrate();
  return {
    db,
    async execute(statements) {
      for (const statement of statements) {
        if (db.driver.dialect === "sqlite") db.driver.client.exec(statement);
        else await db.driver.client.query(statement);
      }
    },
    async migrateRest() {
      restore();
      await db.migrate();
    },
    async rows(query) {
      return db.driver.dialect === "sqlite"
        ? (db.driver.client.prepare(query).all() as Record<string, unknown>[])
        : ((await db.driver.client.query(query)).rows as Record<string, unknown>[]);
    },
  };
}

/** A timestamp literal as the test's dialect stores it. */
export const sqlTime = (ms: number) =>
  testDialect === "sqlite" ? String(ms) : `'${new Date(ms).toISOString()}'`;

/** A boolean literal as the test's dialect stores it. */
export const sqlBool = (b: boolean) => (testDialect === "sqlite" ? (b ? "1" : "0") : String(b));
