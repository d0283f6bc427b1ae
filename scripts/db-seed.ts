import { z } from "zod";
import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { databaseUrlField } from "./database-url";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const config = z
  .object({
    DATABASE_URL: databaseUrlField,
    ADMIN_EMAIL: z.email("must be an email address (the back-office login)"),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters"),
  })
  .safeParse(process.env);
if (!config.success) {
  console.error(
    `Cannot seed (see .env.example):\n${config.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`,
  );
  process.exit(1);
}
const { DATABASE_URL: url, ADMIN_EMAIL, ADMIN_PASSWORD } = config.data;
// Imported once .env is loaded: lib/db/schema picks its dialect's tables from DATABASE_URL.
const { seedAdmin } = await import("../lib/auth/seed-admin");
const { seedDatabase } = await import("../lib/db/seed");
const database = openDatabase(url);
try {
  // Migrate first, so that seeding a fresh database just works.
  await database.migrate();
  const counts = await seedDatabase(database);
  const admin = await seedAdmin(database, ADMIN_EMAIL, ADMIN_PASSWORD);
  console.log(
    `seeded ${counts.sellers} sellers, ${counts.products} products and admin ${ADMIN_EMAIL} (${admin}) into ${shownDatabaseUrl(url)}`,
  );
} finally {
  await database.close();
}
