// `npm run db:backup [dir]`: a consistent copy of the SQLite database while the shop runs, into a
// dated file (default .data/backups). Restore: stop the app, copy the file over DATABASE_URL
// (removing its -wal and -shm files), start the app. docs/deploy.md has the steps. PostgreSQL is
// refused: its own tools (pg_dump) back it up.
import { count } from "drizzle-orm";
import { openDatabase } from "../lib/db/connection";
import { databaseUrlOrExit } from "./database-url";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const { url, target } = databaseUrlOrExit(process.env.DATABASE_URL);
if (target.dialect !== "sqlite") {
  console.error(
    'db:backup copies a SQLite file, but DATABASE_URL is a PostgreSQL URL: use pg_dump instead (e.g. pg_dump --format=custom "$DATABASE_URL" > shop.dump)',
  );
  process.exit(1);
}
// Imported once .env is loaded: lib/db/schema picks its dialect's tables from DATABASE_URL.
const { backupDatabase } = await import("../lib/db/backup");
const { orders } = await import("../lib/db/schema");
const dir = process.argv[2] ?? ".data/backups";
const database = openDatabase(url);
try {
  const backup = await backupDatabase(database, target.path, dir);
  const [counted] = await database.run((db) => db.select({ n: count() }).from(orders));
  console.log(`backed up ${target.path} (${counted?.n ?? 0} orders) to ${backup}`);
} finally {
  await database.close();
}
