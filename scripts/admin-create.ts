// `npm run admin:create`: migrates and creates (or changes the password of) the back-office admin
// from ADMIN_EMAIL / ADMIN_PASSWORD, and nothing else: unlike db:seed it never loads the demo
// catalogue, so a merchant's own products are never touched. A changed password ends that admin's
// sessions at their next request.
import { z } from "zod";
import { newPasswordSchema } from "../lib/auth/password-rules";
import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { databaseUrlField } from "./database-url";
import { loadDotEnv } from "./load-env";

loadDotEnv();
const config = z
  .object({
    DATABASE_URL: databaseUrlField,
    ADMIN_EMAIL: z.email("must be an email address (the back-office login)"),
    ADMIN_PASSWORD: z
      .string()
      .refine(
        (p) => newPasswordSchema.safeParse(p).success,
        "must be 12 to 200 characters, and not the one published in .env.example",
      ),
  })
  .safeParse(process.env);
if (!config.success) {
  console.error(
    `Cannot create the admin:\n${config.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`,
  );
  process.exit(1);
}
const { DATABASE_URL: url, ADMIN_EMAIL, ADMIN_PASSWORD } = config.data;
// Imported once .env is loaded: lib/db/schema picks its dialect's tables from DATABASE_URL.
const { seedAdmin } = await import("../lib/auth/seed-admin");
const database = openDatabase(url);
try {
  await database.migrate();
  console.log(
    `admin ${ADMIN_EMAIL}: ${await seedAdmin(database, ADMIN_EMAIL, ADMIN_PASSWORD)} in ${shownDatabaseUrl(url)}`,
  );
} finally {
  await database.close();
}
