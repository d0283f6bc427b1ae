// SQLite migrations (`npm run db:generate` writes both dialects'; drizzle.postgres.config.ts).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./lib/db/schema/sqlite.ts",
  out: "./drizzle/sqlite",
  strict: true,
});
