// The process's database, opened on first use (never at build time) from DATABASE_URL. Every
// query of the shop goes through `run` or `transaction` (lib/db/connection.ts explains why).
import "server-only";
import { env } from "@/lib/env";
import { openDatabase, type Database, type Tx } from "./connection";

export type { Tx };

const globalForDb = globalThis as unknown as { __shopDatabase?: Database };

export function database(): Database {
  // Kept on globalThis so that dev-mode module reloads reuse the connection (or pool).
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  globalForDb.__shopDatabase ??= openDatabase(DATABASE_URL, { poolSize: DATABASE_POOL_SIZE });
  return globalForDb.__shopDatabase;
}

/** Statements outside a transaction: reads, or one conditional write that stands alone. */
export function run<T>(work: (db: Tx) => Promise<T>): Promise<T> {
  return database().run(work);
}

/** Work that commits as a whole: every function it calls gets `tx` and uses it. */
export function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return database().transaction(work);
}
