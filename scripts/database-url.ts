// DATABASE_URL for the scripts that open the database themselves: checked as the app checks it
// (lib/db/dialect.ts), and shown in their output without the password a postgres:// URL carries.
import { z } from "zod";
import { parseDatabaseUrl, type DatabaseTarget } from "../lib/db/dialect";

/** DATABASE_URL as a zod field, for scripts that list every configuration problem at once. */
export const databaseUrlField = z
  .string({ error: "is required (a SQLite file path or postgres:// URL)" })
  .trim()
  .min(1, "is required (a SQLite file path or postgres:// URL)")
  .superRefine((value, ctx) => {
    const parsed = parseDatabaseUrl(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

/** DATABASE_URL, or a message saying what it should be and `exit(1)`. */
export function databaseUrlOrExit(value: string | undefined): {
  url: string;
  target: DatabaseTarget;
} {
  const url = value?.trim();
  if (!url) {
    console.error(
      "DATABASE_URL is not set: give a SQLite file path or postgres:// URL (copy .env.example to .env)",
    );
    process.exit(1);
  }
  const parsed = parseDatabaseUrl(url);
  if (!parsed.ok) {
    console.error(`DATABASE_URL ${parsed.message}`);
    process.exit(1);
  }
  return { url, target: parsed.target };
}
