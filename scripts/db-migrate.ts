import { openDatabase } from "../lib/db/open";
import { migrateDatabase } from "../lib/db/migrate";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const path = process.env.DATABASE_URL;
if (!path) {
  console.error("DATABASE_URL is not set (copy .env.example to .env)");
  process.exit(1);
}
const db = openDatabase(path);
migrateDatabase(db);
db.$client.close();
console.log(`migrated ${path}`);
