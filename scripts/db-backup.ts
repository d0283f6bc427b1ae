// `npm run db:backup [dir]`: a consistent copy of the database while the shop runs, into a dated
// file (default .data/backups). Restore: stop the app, copy the file over DATABASE_URL (removing
// its -wal and -shm files), start the app. docs/deploy.md has the steps.
import { openDatabase } from "../lib/db/open";
import { backupDatabase } from "../lib/db/backup";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const path = process.env.DATABASE_URL;
if (!path) {
  console.error("DATABASE_URL is not set (copy .env.example to .env)");
  process.exit(1);
}
const dir = process.argv[2] ?? ".data/backups";
const db = openDatabase(path);
try {
  const target = await backupDatabase(db.$client, path, dir);
  const orders = (db.$client.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
  console.log(`backed up ${path} (${orders} orders) to ${target}`);
} finally {
  db.$client.close();
}
