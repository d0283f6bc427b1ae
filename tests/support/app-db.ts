// A fresh, migrated and seeded database per test file, wired in through the same env variables
// the app reads, so lib modules run exactly as under `next start`: a SQLite file, or (in the
// `postgresql` Vitest project) a new database on the run's PostgreSQL.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { dialectOf } from "@/lib/db/dialect";

export const TEST_DOKU = {
  clientId: "MCH-UNIT-APP-0001",
  secretKey: "SK-UNIT-APP-00000000000000000001",
  notificationPath: "/api/doku/notifications",
};

/** The dialect this test file runs on: the Vitest project sets DATABASE_URL's kind. */
export const testDialect = dialectOf(process.env.DATABASE_URL);

let pendingPostgresName: string | null = null;

export function setTestEnv(extra: Record<string, string> = {}): string {
  let url: string;
  if (testDialect === "postgresql") {
    pendingPostgresName = `test_${randomBytes(6).toString("hex")}`;
    url = `${inject("postgresServerUrl")}/${pendingPostgresName}`;
  } else {
    url = join(mkdtempSync(join(tmpdir(), "shop-test-")), "shop.db");
  }
  Object.assign(process.env, {
    DOKU_BASE_URL: "http://127.0.0.1:9",
    DOKU_CLIENT_ID: TEST_DOKU.clientId,
    DOKU_SECRET_KEY: TEST_DOKU.secretKey,
    DOKU_NOTIFICATION_PATH: TEST_DOKU.notificationPath,
    APP_BASE_URL: "http://localhost:3000",
    AUTH_SECRET: "unit-test-secret-0123456789abcdef0123",
    DATABASE_URL: url,
    // Most suites order again and again as one fixture shopper; tests/unit/payments/open-holds.test.ts
    // sets the shop's real bound and tests it.
    MAX_OPEN_ORDERS_PER_SHOPPER: "1000",
    ...extra,
  });
  return url;
}

/** The app's own database (lib/db/client.ts), migrated and seeded. */
export async function migratedAndSeeded() {
  if (pendingPostgresName) {
    const { createDatabase } = await import("./postgres-server");
    await createDatabase(inject("postgresServerUrl"), pendingPostgresName);
    pendingPostgresName = null;
  }
  const { database } = await import("@/lib/db/client");
  const { seedDatabase } = await import("@/lib/db/seed");
  await database().migrate();
  await seedDatabase(database());
  return database();
}

/**
 * The real local sandbox on a random port, with the app's DOKU_BASE_URL pointed at it, plus
 * a `control(path, body)` for its /_sandbox API.
 */
export async function startAppSandbox(
  options: { notificationUrl?: string; timeScale?: number } = {},
) {
  const { startSandbox } = await import("@/sandbox/server");
  const sandbox = await startSandbox({
    port: 0,
    clientId: TEST_DOKU.clientId,
    secretKey: TEST_DOKU.secretKey,
    // Port 9 (discard) refuses connections: notifications go nowhere unless a test says where.
    notificationUrl: options.notificationUrl ?? "http://127.0.0.1:9/api/doku/notifications",
    timeScale: options.timeScale ?? 3600,
  });
  process.env.DOKU_BASE_URL = sandbox.url;
  async function control(path: string, body?: unknown): Promise<void> {
    const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  }
  return Object.assign(sandbox, { control });
}
