// Creates (or changes the password of) a back-office account, an owner unless told otherwise;
// the role and name are a new account's (an existing one keeps its own).
// Free of `server-only`: the seed script runs it under tsx.
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/connection";
import { users } from "@/lib/db/schema";
import type { UserRole } from "@/lib/db/schema/values";
import { hashPassword, verifyPassword } from "./password";

export async function seedAdmin(
  database: Database,
  email: string,
  password: string,
  role: UserRole = "owner",
  name = "Merchant admin",
): Promise<"created" | "updated" | "unchanged"> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await database.run((db) =>
    db.select().from(users).where(eq(users.email, normalized)).limit(1),
  );
  if (existing && (await verifyPassword(password, existing.passwordHash))) return "unchanged";
  const passwordHash = await hashPassword(password);
  if (existing) {
    // A new password ends every session signed in with the old one (lib/auth/session.ts).
    await database.run((db) =>
      db
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, existing.id)),
    );
    return "updated";
  }
  await database.run((db) =>
    db.insert(users).values({ email: normalized, name, passwordHash, role }),
  );
  return "created";
}
