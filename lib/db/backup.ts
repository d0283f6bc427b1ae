// An online backup of the SQLite file: SQLite's backup API copies a consistent snapshot while the
// app keeps serving (WAL included), into a new dated file. Free of `server-only`, for the script.
// SQLite only: a PostgreSQL database is backed up with its own tools (pg_dump).
import { mkdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Database } from "./connection";

/** `shop-20261201-223015.db` beside the others in `dir`. */
export function backupFileName(databasePath: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const name = basename(databasePath, extname(databasePath)) || "shop";
  return `${name}-${stamp}.db`;
}

export async function backupDatabase(
  database: Database,
  databasePath: string,
  dir: string,
  now = new Date(),
): Promise<string> {
  const { driver } = database;
  if (driver.dialect !== "sqlite")
    throw new Error("db:backup copies a SQLite file; for PostgreSQL use pg_dump");
  mkdirSync(dir, { recursive: true });
  const target = join(dir, backupFileName(databasePath, now));
  await driver.client.backup(target);
  return target;
}
