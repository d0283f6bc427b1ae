// The WAL checkpointer (lib/db/checkpointer.ts), on real SQLite files: it moves committed pages
// into the database file from its own thread, never blocks the app's writer, and hands
// checkpointing back to the app's connection when it cannot run.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer, type Checkpointer, type CheckpointResult } from "@/lib/db/checkpointer";
import { waitUntil } from "@/sandbox/test-support";

const open: Database.Database[] = [];
const running: Checkpointer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
  for (const db of open.splice(0)) db.close();
});

function walDatabase(): { db: Database.Database; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "checkpointer-"));
  const db = new Database(join(dir, "app.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  db.pragma("wal_checkpoint(TRUNCATE)"); // the table itself in the database file, the WAL empty
  open.push(db);
  return { db, dir };
}

const insertRows = (db: Database.Database, count: number) => {
  const insert = db.prepare("INSERT INTO events (body) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`event ${i} `.repeat(40));
  })();
};

/** What the database file holds on its own, without the WAL next to it. */
function rowsInMainFile(dir: string): number {
  const copy = join(dir, "main-only.db");
  copyFileSync(join(dir, "app.db"), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("WAL checkpointer", () => {
  it("copies committed pages into the database file from its own thread", async () => {
    const { db, dir } = walDatabase();
    db.pragma("wal_autocheckpoint = 0"); // only the worker may checkpoint in this test
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(db, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    running.push(checkpointer);
    await checkpointer.ready;

    insertRows(db, 500);
    expect(rowsInMainFile(dir)).toBe(0); // committed, but still only in the WAL
    await waitUntil(() => results.some((r) => r.log > 0 && r.checkpointed === r.log), 5000, "a complete checkpoint");
    expect(rowsInMainFile(dir)).toBe(500);
  });

  it("raises the app connection's own checkpoint threshold while it runs, and restores it", async () => {
    const { db } = walDatabase();
    const checkpointer = startCheckpointer(db, { intervalMs: 50, fallbackPages: 5000 });
    await checkpointer.ready;
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(5000);
    await checkpointer.stop();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });

  it("never takes the write lock: the writer, with no busy timeout at all, is never refused", async () => {
    const { db, dir } = walDatabase();
    db.pragma("busy_timeout = 0");
    db.pragma("wal_autocheckpoint = 0");
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(db, { intervalMs: 1, onCheckpoint: (r) => results.push(r) });
    running.push(checkpointer);
    await checkpointer.ready;

    const immediate = db.transaction((i: number) => db.prepare("INSERT INTO events (body) VALUES (?)").run(`row ${i} `.repeat(200)));
    // Yield between writes so that checkpoints (one per millisecond) run while the writes go on.
    for (let i = 0; i < 300; i++) {
      immediate.immediate(i);
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const duringWrites = results.filter((r) => r.checkpointed > 0).length;
    expect(duringWrites).toBeGreaterThanOrEqual(3);
    const afterWrites = results.length;
    await waitUntil(() => results.slice(afterWrites).some((r) => r.log > 0 && r.checkpointed === r.log), 5000, "a complete checkpoint after the writes");
    await checkpointer.stop(); // copying the file while a checkpoint writes it would tear the copy
    expect(rowsInMainFile(dir)).toBe(300);
  });

  it("hands checkpointing back to the app connection when the worker cannot start", async () => {
    const { db } = walDatabase();
    const errors: string[] = [];
    // better-sqlite3 cannot be resolved from the filesystem root: the worker dies on start.
    const checkpointer = startCheckpointer(db, { root: "/", fallbackPages: 5000, onError: (m) => errors.push(m) });
    await expect(checkpointer.ready).rejects.toThrow(/better-sqlite3/);
    expect(errors).toEqual([expect.stringMatching(/^WAL checkpointer stopped: .*better-sqlite3/)]);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    // Once the dead worker's exit has been seen, stop() has nothing to wait for.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hung = new Promise((_, reject) => setTimeout(() => reject(new Error("stop() waited for a worker that had already exited")), 2000));
    await Promise.race([checkpointer.stop(), hung]);
  });

  it("never keeps the process alive on its own", () => {
    const { dir } = walDatabase();
    const script = `
      import Database from "better-sqlite3";
      import { startCheckpointer } from "./lib/db/checkpointer.ts";
      const db = new Database(${JSON.stringify(join(dir, "app.db"))});
      const checkpointer = startCheckpointer(db, { intervalMs: 10 });
      const keepAlive = setTimeout(() => {}, 5000); // until the worker says it is ready
      await checkpointer.ready;
      clearTimeout(keepAlive);
      console.log("started");
    `;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(child.stdout.trim()).toBe("started");
    expect(child.signal).toBeNull(); // not killed by the timeout: it ended by itself
    expect(child.status).toBe(0);
  });

  it("refuses an in-memory database", () => {
    const db = new Database(":memory:");
    open.push(db);
    expect(() => startCheckpointer(db)).toThrow(/in-memory/);
  });
});
