// Back-office accounts and session cookies for the attack tests: a staff member of a test's own
// (so a limit it reaches never touches the shared admin), and cookies minted as an attacker
// holding a secret would mint them.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { E2E } from "./env";

export const SESSION_COOKIE = "authjs.session-token";

/** Creates the staff member (or changes their password) through the app's own seed script. */
export function seedStaff(
  email: string,
  password: string,
  databaseUrl: string = E2E.env.DATABASE_URL,
): void {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], {
    env: {
      ...process.env,
      ...E2E.env,
      DATABASE_URL: databaseUrl,
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    },
    stdio: "pipe",
  });
}

export function newStaffEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@e2e.example`;
}

/** The staff row, read from the database. */
export function staffRow(
  email: string,
  databaseUrl: string = E2E.env.DATABASE_URL,
): { id: number; session_version: number } | undefined {
  const conn = new Database(databaseUrl, { readonly: true });
  try {
    return conn.prepare("SELECT id, session_version FROM users WHERE email = ?").get(email) as
      { id: number; session_version: number } | undefined;
  } finally {
    conn.close();
  }
}

/** Removes the staff member straight from the database (the Accounts page does it for an owner: e2e/accounts.spec.ts). */
export function removeStaff(email: string, databaseUrl: string = E2E.env.DATABASE_URL): void {
  const conn = new Database(databaseUrl);
  try {
    conn.prepare("DELETE FROM users WHERE email = ?").run(email);
  } finally {
    conn.close();
  }
}

/** A session cookie value signed with `secret`, carrying the claims the app writes at sign-in. */
export function mintSession(
  secret: string,
  claims: { sub: string; email: string; signedInAt: number; sessionVersion: number },
): Promise<string> {
  return encode({
    secret,
    salt: SESSION_COOKIE,
    token: { name: "Merchant admin", ...claims },
    maxAge: 8 * 60 * 60,
  });
}
