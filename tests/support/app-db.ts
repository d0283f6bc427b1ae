// A fresh, migrated and seeded SQLite file per test file, wired in through the same env
// variables the app reads, so lib modules run exactly as under `next start`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TEST_DOKU = {
  clientId: "MCH-UNIT-APP-0001",
  secretKey: "SK-UNIT-APP-00000000000000000001",
  notificationPath: "/api/doku/notifications",
};

export function setTestEnv(extra: Record<string, string> = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), "shop-test-")), "shop.db");
  Object.assign(process.env, {
    DOKU_BASE_URL: "http://127.0.0.1:9",
    DOKU_CLIENT_ID: TEST_DOKU.clientId,
    DOKU_SECRET_KEY: TEST_DOKU.secretKey,
    DOKU_NOTIFICATION_PATH: TEST_DOKU.notificationPath,
    APP_BASE_URL: "http://localhost:3000",
    AUTH_SECRET: "unit-test-secret-0123456789abcdef0123",
    DATABASE_URL: path,
    ...extra,
  });
  return path;
}

export async function migratedAndSeeded() {
  const { db } = await import("@/lib/db/client");
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { seedDatabase } = await import("@/lib/db/seed");
  migrateDatabase(db());
  seedDatabase(db());
  return db();
}
