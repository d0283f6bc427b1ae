// `npm run admin:create`: migrates and creates (or changes the password of) the back-office admin
// from ADMIN_EMAIL / ADMIN_PASSWORD, and nothing else: unlike db:seed it never loads the demo
// catalogue, so a merchant's own products are never touched. A changed password ends that admin's
// sessions at their next request.
import { z } from "zod";
import { seedAdmin } from "../lib/auth/seed-admin";
import { migrateDatabase } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { PUBLISHED_SECRETS } from "../lib/published-values";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const config = z
  .object({
    DATABASE_URL: z.string().min(1, "is required (SQLite file path)"),
    ADMIN_EMAIL: z.email("must be an email address (the back-office login)"),
    ADMIN_PASSWORD: z
      .string()
      .min(12, "must be at least 12 characters")
      .refine((p) => p !== PUBLISHED_SECRETS.ADMIN_PASSWORD, "is the one published in .env.example: choose your own"),
  })
  .safeParse(process.env);
if (!config.success) {
  console.error(`Cannot create the admin:\n${config.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  process.exit(1);
}
const { DATABASE_URL: path, ADMIN_EMAIL, ADMIN_PASSWORD } = config.data;
const db = openDatabase(path);
try {
  migrateDatabase(db);
  console.log(`admin ${ADMIN_EMAIL}: ${await seedAdmin(db, ADMIN_EMAIL, ADMIN_PASSWORD)} in ${path}`);
} finally {
  db.$client.close();
}
