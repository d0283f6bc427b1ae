// lib/db/group-commit.ts on a real WAL file, observed from a second connection as another
// process would see it: callers are answered only after the COMMIT, a failing piece of work is
// rolled back alone, and a failure of the shared transaction fails everyone in it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { groupCommitter } from "@/lib/db/group-commit";

let writer: Database.Database;
let reader: Database.Database;

beforeEach(() => {
  const path = join(mkdtempSync(join(tmpdir(), "group-commit-")), "t.db");
  writer = new Database(path);
  writer.pragma("journal_mode = WAL");
  writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
  reader = new Database(path, { readonly: true });
});

const insert = (v: string) => () => Number(writer.prepare("INSERT INTO t (v) VALUES (?)").run(v).lastInsertRowid);
const committed = () => reader.prepare("SELECT v FROM t ORDER BY id").pluck().all();

describe("groupCommitter", () => {
  it("answers each caller with its own result, and only once the rows are visible to other connections", async () => {
    const committer = groupCommitter(writer);
    const seenAtResolve: unknown[][] = [];
    const results = await Promise.all(
      ["a", "b", "c"].map((v) =>
        committer.run(insert(v)).then((id) => {
          seenAtResolve.push(committed());
          return id;
        }),
      ),
    );
    expect(results).toEqual([1, 2, 3]);
    for (const seen of seenAtResolve) expect(seen).toEqual(["a", "b", "c"]);
    expect(writer.inTransaction).toBe(false);
  });

  it("nothing is committed before the turn ends: the work has not even run yet", async () => {
    const committer = groupCommitter(writer);
    const pending = committer.run(insert("a"));
    expect(committed()).toEqual([]);
    await pending;
    expect(committed()).toEqual(["a"]);
  });

  it("rolls back a piece of work that throws, alone: its caller gets the error, the others commit", async () => {
    const committer = groupCommitter(writer);
    const outcomes = await Promise.allSettled([
      committer.run(insert("a")),
      committer.run(() => {
        insert("b")();
        throw new Error("boom after writing");
      }),
      committer.run(insert("a")), // UNIQUE violation: SQLite's own error, rolled back alone too
      committer.run(insert("d")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ message: "boom after writing" });
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect(committed()).toEqual(["a", "d"]);
  });

  it("work queued in the same turn shares one transaction: if that transaction ends, every caller in it fails", async () => {
    const committer = groupCommitter(writer);
    const sameTurn = [
      committer.run(insert("a")),
      // Ends the shared transaction from inside, as an I/O error or SQLITE_FULL would.
      committer.run(() => writer.exec("ROLLBACK")),
      committer.run(insert("c")),
    ];
    const outcomes = await Promise.allSettled(sameTurn);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(committed()).toEqual([]);
    // The committer is still usable afterwards.
    await committer.run(insert("later"));
    expect(committed()).toEqual(["later"]);
  });

  it("splits a long queue into transactions of at most maxBatch, in arrival order", async () => {
    const committer = groupCommitter(writer, { maxBatch: 2 });
    const outcomes = await Promise.allSettled([
      committer.run(insert("1")),
      committer.run(insert("2")),
      committer.run(insert("3")),
      committer.run(() => writer.exec("ROLLBACK")), // fails the second transaction (3 and itself) only
      committer.run(insert("5")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(committed()).toEqual(["1", "2", "5"]);
  });

  it("takes the write lock up front (BEGIN IMMEDIATE): a second writer waiting on it fails the batch, not half of it", async () => {
    const other = new Database(writer.name);
    other.pragma("busy_timeout = 0");
    writer.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    const committer = groupCommitter(writer);
    const outcomes = await Promise.allSettled([committer.run(insert("a")), committer.run(insert("b"))]);
    other.exec("ROLLBACK");
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: "SQLITE_BUSY" });
    expect(committed()).toEqual([]);
    await committer.run(insert("c"));
    expect(committed()).toEqual(["c"]);
  });
});
