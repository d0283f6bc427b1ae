import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./open";

export function migrateDatabase(db: Db, migrationsFolder = "drizzle"): void {
  migrate(db, { migrationsFolder });
}
