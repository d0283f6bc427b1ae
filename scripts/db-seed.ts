import { z } from "zod";
import { seedAdmin } from "../lib/auth/seed-admin";
import { migrateDatabase } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { seedDatabase } from "../lib/db/seed";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const config = z
  .object({
    DATABASE_URL: z.string().min(1, "is required (SQLite file path)"),
    ADMIN_EMAIL: z.email("must be an email address (the back-office login)"),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters"),
  })
  .safeParse(process.env);
if (!config.success) {
  console.error(`Cannot seed (see .env.example):\n${config.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  process.exit(1);
}
const { DATABASE_URL: path, ADMIN_EMAIL, ADMIN_PASSWORD } = config.data;
const db = openDatabase(path);
try {
  // Migrate first, so that seeding a fresh file just works.
  migrateDatabase(db);
  const counts = seedDatabase(db);
  const admin = await seedAdmin(db, ADMIN_EMAIL, ADMIN_PASSWORD);
  console.log(`seeded ${counts.sellers} sellers, ${counts.products} products and admin ${ADMIN_EMAIL} (${admin}) into ${path}`);
} finally {
  db.$client.close();
}
