import "server-only";
import { run } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { DEFAULT_ADMIN_PASSWORD, verifyPassword } from "./password";

/** Emails of staff whose password is still the one shipped in .env.example. */
export async function adminsWithDefaultPassword(): Promise<string[]> {
  const rows = await run((db) =>
    db.select({ email: users.email, hash: users.passwordHash }).from(users),
  );
  const found: string[] = [];
  for (const row of rows)
    if (await verifyPassword(DEFAULT_ADMIN_PASSWORD, row.hash)) found.push(row.email);
  return found;
}
