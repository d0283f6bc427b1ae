// One SQLite connection per process, opened on first use (never at build time), tuned for a
// web server: WAL so readers never wait on the writer, a busy timeout instead of SQLITE_BUSY.
import "server-only";
import { openDatabase, type Db } from "./open";
import { groupCommitter, type GroupCommitter } from "./group-commit";
import { env } from "@/lib/env";

const globalForDb = globalThis as unknown as { __shopDb?: Db; __shopCommitter?: { db: Db; committer: GroupCommitter } };

export function db(): Db {
  // Kept on globalThis so that dev-mode module reloads reuse the connection.
  globalForDb.__shopDb ??= openDatabase(env().DATABASE_URL);
  return globalForDb.__shopDb;
}

/** Runs `work` in the connection's next group commit (lib/db/group-commit.ts). */
export function groupCommit<T>(work: () => T): Promise<T> {
  const database = db();
  // Tests swap the connection; a committer is bound to the one it was made for.
  if (globalForDb.__shopCommitter?.db !== database) {
    globalForDb.__shopCommitter = { db: database, committer: groupCommitter(database.$client) };
  }
  return globalForDb.__shopCommitter.committer.run(work);
}
