// PostgreSQL migrations, generated from lib/db/schema/postgres.ts (see drizzle.config.ts).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/postgres.ts",
  out: "./drizzle/postgres",
  strict: true,
});
