import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { databaseUrlOrExit } from "./database-url";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const { url } = databaseUrlOrExit(process.env.DATABASE_URL);
const database = openDatabase(url);
try {
  await database.migrate();
} finally {
  await database.close();
}
console.log(`migrated ${shownDatabaseUrl(url)}`);
