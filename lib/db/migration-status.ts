// Which of the shop's migrations a database lacks, by drizzle's own rule: its migrator applies each
// journal entry newer than the newest row of its migrations table, so exactly those are pending.
// Free of `server-only`, so tests ask it of a database they open themselves.
import postgresJournal from "../../drizzle/postgres/meta/_journal.json";
import sqliteJournal from "../../drizzle/sqlite/meta/_journal.json";
import type { Database } from "./connection";
import type { Dialect } from "./dialect";

export interface JournalEntry {
  tag: string;
  /** drizzle-kit's timestamp, which the migrator stores as the row's created_at. */
  when: number;
}

/** The migrations this build was made with (bundled, so a stray drizzle/ folder cannot change them). */
export const JOURNALS: Record<Dialect, readonly JournalEntry[]> = {
  sqlite: sqliteJournal.entries,
  postgresql: postgresJournal.entries,
};

/** The newest applied migration's timestamp, or null when the database has never been migrated. */
async function lastApplied(database: Database): Promise<number | null> {
  const { driver } = database;
  if (driver.dialect === "sqlite") {
    // Through run(): SQLite's one connection is used in turn (lib/db/connection.ts).
    return database.run(async () => {
      const table = driver.client
        .prepare(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
        )
        .get();
      if (!table) return null;
      const row = driver.client
        .prepare("SELECT max(created_at) AS last FROM __drizzle_migrations")
        .get() as { last: number | string | null };
      return row.last === null ? null : Number(row.last);
    });
  }
  const { rows } = await driver.client.query<{ present: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS present",
  );
  if (!rows[0]?.present) return null;
  const last = await driver.client.query<{ last: string | null }>(
    "SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations",
  );
  const value = last.rows[0]?.last;
  return value === null || value === undefined ? null : Number(value);
}

/** The tags of the journal's migrations the database has not applied, oldest first; [] when current. */
export async function pendingMigrations(
  database: Database,
  journal: readonly JournalEntry[] = JOURNALS[database.dialect],
): Promise<string[]> {
  const last = await lastApplied(database);
  return journal.filter((entry) => last === null || entry.when > last).map((entry) => entry.tag);
}
