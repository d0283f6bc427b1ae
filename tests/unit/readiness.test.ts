// Readiness (GET /api/ready, lib/ready.ts) on both databases: ready once every migration this build
// has is applied; one migration missing makes it not ready and names it; a database that does not
// answer makes it not ready, saying only "unavailable" (the route is public), the detail logged. Liveness (GET /api/health) never touches the database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { JOURNALS, pendingMigrations } from "@/lib/db/migration-status";
import { migratedAndSeeded, setTestEnv, testDialect } from "../support/app-db";

setTestEnv();
const { readiness } = await import("@/lib/ready");
const { GET: ready } = await import("@/app/api/ready/route");
const { GET: health } = await import("@/app/api/health/route");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(async () => {
  await db.close().catch(() => undefined);
});

const journal = JOURNALS[testDialect];
const newest = journal.at(-1)!;
const table = testDialect === "sqlite" ? "__drizzle_migrations" : "drizzle.__drizzle_migrations";

/** A raw statement on the app's own connection, as a migration or an operator would run it. */
async function execute(statement: string): Promise<void> {
  const { driver } = db;
  if (driver.dialect === "sqlite") await db.run(async () => void driver.client.exec(statement));
  else await driver.client.query(statement);
}

describe(`readiness on ${testDialect}`, () => {
  it("has the build's migrations to compare with, the same ones drizzle/ holds", () => {
    expect(journal.length).toBeGreaterThanOrEqual(6);
    expect(journal.map((e) => e.tag)).toContain(
      testDialect === "sqlite" ? "0009_open_holds" : "0005_open_holds",
    );
  });

  it("is ready when the database answers and has every migration: 200", async () => {
    expect(await readiness()).toEqual({ ok: true, database: "ok", migrations: "ok" });
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("a migration not applied: not ready (503), and it says which", async () => {
    // The database as it was before the newest migration's row: what a deploy that skipped migrate sees.
    await execute(`DELETE FROM ${table} WHERE created_at = ${newest.when}`);
    try {
      expect(await pendingMigrations(db)).toEqual([newest.tag]);
      const result = await readiness();
      expect(result.ok).toBe(false);
      expect(result.database).toBe("ok");
      expect(result.migrations).toContain(`not applied: ${newest.tag} (`);
      const response = await ready();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual(result);
    } finally {
      // drizzle's migrator applies it again (its SQL is already there, so the row alone is restored).
      await execute(
        `INSERT INTO ${table} (hash, created_at) VALUES ('restored-by-test', ${newest.when})`,
      );
    }
    expect(await readiness()).toMatchObject({ ok: true });
  });

  it("a database never migrated lacks every migration, oldest first", async () => {
    await execute(`DELETE FROM ${table}`);
    try {
      expect(await pendingMigrations(db)).toEqual(journal.map((e) => e.tag));
    } finally {
      for (const entry of journal) {
        await execute(
          `INSERT INTO ${table} (hash, created_at) VALUES ('restored-by-test', ${entry.when})`,
        );
      }
    }
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it("a migration newer than the database's is pending; an older build's journal is satisfied", async () => {
    const future = { tag: "9999_not_yet", when: newest.when + 1 };
    expect(await pendingMigrations(db, [...journal, future])).toEqual(["9999_not_yet"]);
    // A rolling deploy: the new version migrated, the old one still running is ready.
    expect(await pendingMigrations(db, journal.slice(0, -1))).toEqual([]);
  });

  it("liveness answers 200 without the database; readiness says only that the database is unavailable (503), the driver's words go to the error log", async () => {
    await db.close();
    const logged: string[] = [];
    const spy = vi
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
    let body: unknown;
    try {
      expect(await readiness()).toEqual({
        ok: false,
        database: "unavailable",
        migrations: "unknown",
      });
      const response = await ready();
      expect(response.status).toBe(503);
      body = await response.json();
    } finally {
      spy.mockRestore();
    }
    expect(body).toEqual({ ok: false, database: "unavailable", migrations: "unknown" });
    const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line.event).toBe("readiness");
      expect(line.database).toEqual(expect.any(String));
      expect(line.database).not.toBe("unavailable");
    }
    const live = await health();
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ ok: true });
  });
});
