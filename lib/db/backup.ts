// An online backup of the SQLite file: SQLite's backup API copies a consistent snapshot while the
// app keeps serving (WAL included), into a new dated file. Free of `server-only`, for the script.
import { mkdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type Database from "better-sqlite3";

/** `shop-20261201-223015.db` beside the others in `dir`. */
export function backupFileName(databasePath: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const name = basename(databasePath, extname(databasePath)) || "shop";
  return `${name}-${stamp}.db`;
}

export async function backupDatabase(source: Database.Database, databasePath: string, dir: string, now = new Date()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, backupFileName(databasePath, now));
  await source.backup(target);
  return target;
}
