// `npm run admin:create [-- --role staff] [--name "…"]`: migrates and creates (or changes the
// password of) the back-office account ADMIN_EMAIL / ADMIN_PASSWORD names, an owner unless
// `--role staff`, and nothing else: unlike db:seed it never loads the demo catalogue, so a
// merchant's own products are never touched. A changed password ends that account's sessions at
// their next request. The role and name (default "Merchant admin") are a new account's: an
// existing one keeps its own (owners change roles on the Accounts page, where the shop always
// keeps an owner).
import { parseArgs } from "node:util";
import { z } from "zod";
import { newPasswordSchema } from "../lib/auth/password-rules";
import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { userRoles, type UserRole } from "../lib/db/schema/values";
import { databaseUrlField } from "./database-url";
import { loadDotEnv } from "./load-env";

const USAGE = 'usage: npm run admin:create [-- --role owner|staff] [--name "Their name"]';
let role: UserRole;
let name: string;
try {
  const { values } = parseArgs({
    options: {
      role: { type: "string", default: "owner" },
      name: { type: "string", default: "Merchant admin" },
    },
  });
  name = values.name.trim().slice(0, 100) || "Merchant admin";
  const parsed = z.enum(userRoles).safeParse(values.role);
  if (!parsed.success) {
    console.error(
      `Cannot create the admin: --role must be owner or staff, not "${values.role}"\n${USAGE}`,
    );
    process.exit(1);
  }
  role = parsed.data;
} catch (error) {
  console.error(`Cannot create the admin: ${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}

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
const { users } = await import("../lib/db/schema");
const { eq } = await import("drizzle-orm");
const database = openDatabase(url);
try {
  await database.migrate();
  const outcome = await seedAdmin(database, ADMIN_EMAIL, ADMIN_PASSWORD, role, name);
  const [account] = await database.run((db) =>
    db
      .select({ role: users.role })
      .from(users)
      .where(eq(users.email, ADMIN_EMAIL.trim().toLowerCase())),
  );
  const kept =
    outcome !== "created" && account && account.role !== role
      ? ` (an existing account keeps its role: change it on the Accounts page)`
      : "";
  console.log(
    `admin ${ADMIN_EMAIL}: ${outcome} (${account?.role ?? role}) in ${shownDatabaseUrl(url)}${kept}`,
  );
} finally {
  await database.close();
}
