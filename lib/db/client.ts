// One SQLite connection per process, opened on first use (never at build time), tuned for a
// web server: WAL so readers never wait on the writer, a busy timeout instead of SQLITE_BUSY.
import "server-only";
import { openDatabase, type Db } from "./open";
import { env } from "@/lib/env";

const globalForDb = globalThis as unknown as { __shopDb?: Db };

export function db(): Db {
  // Kept on globalThis so that dev-mode module reloads reuse the connection.
  globalForDb.__shopDb ??= openDatabase(env().DATABASE_URL);
  return globalForDb.__shopDb;
}
