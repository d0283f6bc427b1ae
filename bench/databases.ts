// Each benchmark runs on SQLite, then on PostgreSQL: a fresh SQLite file under .bench/, and a
// database of its own on the bench's PostgreSQL server (TEST_POSTGRES_URL, or embedded PostgreSQL
// 18 started here), dropped afterwards.
import { rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, startPostgres } from "@/tests/support/postgres-server";
import { BENCH_DIR } from "./workspace";

type Measure<T> = (database: "SQLite" | "PostgreSQL", url: string) => Promise<T | null>;

/** `measure` on each database in turn; `complete` is false when a run could not finish. */
export async function onBothDatabases<T>(
  name: string,
  measure: Measure<T>,
  options: { postgres: boolean } = { postgres: true },
) {
  const results: T[] = [];
  let complete = true;
  const sqliteFile = join(BENCH_DIR, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(sqliteFile + suffix, { force: true });
  const sqlite = await measure("SQLite", sqliteFile);
  if (sqlite) results.push(sqlite);
  else complete = false;
  if (!options.postgres) return { results, complete };

  const server = await startPostgres();
  const database = `bench_${name}_${Date.now()}`;
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void server.stop().finally(() => process.exit(130)));
  try {
    const postgres = await measure("PostgreSQL", await createDatabase(server.url, database));
    if (postgres) results.push(postgres);
    else complete = false;
  } finally {
    // On a server of its own (TEST_POSTGRES_URL) the bench leaves nothing behind.
    const admin = new pg.Client({ connectionString: `${server.url}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.end();
    await server.stop();
  }
  return { results, complete };
}
