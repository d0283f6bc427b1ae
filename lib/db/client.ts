// One SQLite connection per process, opened on first use (never at build time), tuned for a
// web server: WAL so readers never wait on the writer, a busy timeout instead of SQLITE_BUSY.
import "server-only";
import { openDatabase, type Db } from "./open";
import { startCheckpointer } from "./checkpointer";
import { groupCommitter } from "./group-commit";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

const globalForDb = globalThis as unknown as { __shopDb?: Db };

export function db(): Db {
  // Kept on globalThis so that dev-mode module reloads reuse the connection.
  globalForDb.__shopDb ??= open(env().DATABASE_URL);
  return globalForDb.__shopDb;
}

function open(path: string): Db {
  const database = openDatabase(path);
  // WAL checkpoints run on a worker thread, not inside a request's COMMIT (lib/db/checkpointer.ts).
  if (!database.$client.memory) {
    startCheckpointer(database.$client, { onError: (message) => logError({ event: "db.checkpointer", message }) });
  }
  return database;
}

/**
 * Something built once for the process's connection and reused on every call: prepared
 * statements, transaction wrappers. Keyed by the connection, so a new connection gets its own.
 */
export function perConnection<T>(make: (database: Db) => T): () => T {
  const made = new WeakMap<Db, T>();
  return () => {
    const database = db();
    let value = made.get(database);
    if (value === undefined) made.set(database, (value = make(database)));
    return value;
  };
}

const committer = perConnection((database) => groupCommitter(database.$client));

/** Runs `work` in the connection's next group commit (lib/db/group-commit.ts). */
export function groupCommit<T>(work: () => T): Promise<T> {
  return committer().run(work);
}
