import { openDatabase } from "../lib/db/open";
import { migrateDatabase } from "../lib/db/migrate";
import { seedDatabase } from "../lib/db/seed";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const path = process.env.DATABASE_URL;
if (!path) {
  console.error("DATABASE_URL is not set (copy .env.example to .env)");
  process.exit(1);
}
const db = openDatabase(path);
try {
  // Migrate first, so that seeding a fresh file just works.
  migrateDatabase(db);
  const counts = seedDatabase(db);
  console.log(`seeded ${counts.sellers} sellers, ${counts.products} products into ${path}`);
} finally {
  db.$client.close();
}
