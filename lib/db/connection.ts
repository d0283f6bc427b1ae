// Opening the database DATABASE_URL names, and the two ways the shop's code reaches it: `run` for
// a statement or a few reads, `transaction` for work that must commit or roll back as one. Free
// of `server-only`, so scripts and tests open it exactly as the app does (lib/db/client.ts).
//
// SQLite: better-sqlite3 runs each statement synchronously on one connection, so a transaction
// that awaits between statements would let another request's statement run inside it. Every use
// of the connection therefore waits its turn in one queue, and a transaction is
// `BEGIN IMMEDIATE … COMMIT` (the write lock taken first, so two processes on one file never both
// read before writing). Write through one connection per process: a second writing in the same
// process would wait for the first's lock by blocking the event loop the first needs. PostgreSQL: a
// pool; each transaction on a connection of its own.
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePostgres, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { parseDatabaseUrl, type Dialect } from "./dialect";
import type * as tables from "./schema/postgres";

/** What every query of the shop is written against (see lib/db/schema/index.ts). */
export type Tx = Pick<
  NodePgDatabase<typeof tables>,
  "select" | "selectDistinct" | "insert" | "update" | "delete"
>;

export interface Database {
  readonly dialect: Dialect;
  /** Statements outside a transaction: each one commits on its own. */
  run<T>(work: (db: Tx) => Promise<T>): Promise<T>;
  /** `work` commits as a whole, or not at all when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** `SELECT 1`: the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The driver underneath, for what only one dialect has (SQLite's online backup). */
  readonly driver:
    | { dialect: "sqlite"; client: BetterSqlite3.Database }
    | { dialect: "postgresql"; client: pg.Pool };
}

export const MIGRATIONS = { sqlite: "drizzle/sqlite", postgresql: "drizzle/postgres" } as const;

// A call that opens a second transaction (or queue turn) from inside one would wait on itself on
// SQLite and escape the transaction on PostgreSQL: both are bugs, so both are refused.
const insideWork = new AsyncLocalStorage<true>();
function refuseNested(): void {
  if (insideWork.getStore()) {
    throw new Error(
      "database: nested run()/transaction() — pass the transaction you were given instead of opening another",
    );
  }
}

export interface OpenOptions {
  /** Where drizzle/ is: the working directory, unless a script runs from elsewhere. */
  migrationsRoot?: string;
  /** PostgreSQL: connections this process keeps open. */
  poolSize?: number;
}

export function openDatabase(
  url: string,
  { migrationsRoot = ".", poolSize = 10 }: OpenOptions = {},
): Database {
  const parsed = parseDatabaseUrl(url);
  if (!parsed.ok) throw new Error(`DATABASE_URL ${parsed.message}`);
  const { target } = parsed;
  return target.dialect === "sqlite"
    ? openSqlite(target.path, migrationsRoot)
    : openPostgres(target.url, migrationsRoot, poolSize);
}

function openSqlite(path: string, migrationsRoot: string): Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const client = new BetterSqlite3(path);
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  // Another process (a script, a second instance on one file) may hold the write lock briefly.
  client.pragma("busy_timeout = 5000");
  client.pragma("foreign_keys = ON");
  const drizzled = drizzleSqlite(client);
  const db = drizzled as unknown as Tx;

  let tail: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    refuseNested();
    const turn = tail.then(() => insideWork.run(true, work));
    tail = turn.catch(() => undefined);
    return turn;
  }

  return {
    dialect: "sqlite",
    driver: { dialect: "sqlite", client },
    run: (work) => inTurn(() => work(db)),
    transaction: (work) =>
      inTurn(async () => {
        client.exec("BEGIN IMMEDIATE");
        try {
          const value = await work(db);
          client.exec("COMMIT");
          return value;
        } catch (error) {
          // A failed COMMIT or a statement error may already have ended the transaction.
          if (client.inTransaction) client.exec("ROLLBACK");
          throw error;
        }
      }),
    // SQLite changes a column by rebuilding its table (drizzle-kit writes the copy, drop and
    // rename); with foreign keys on, dropping a table that others reference fails, and the PRAGMA
    // cannot change inside the migration's transaction. So they are off while migrating and
    // checked whole afterwards, as SQLite's own procedure for altering a table says.
    migrate: () =>
      inTurn(async () => {
        client.pragma("foreign_keys = OFF");
        try {
          migrateSqlite(drizzled, { migrationsFolder: `${migrationsRoot}/${MIGRATIONS.sqlite}` });
          const broken = client.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0)
            throw new Error(
              `the migration left ${broken.length} rows whose foreign key points nowhere: ${JSON.stringify(broken.slice(0, 3))}`,
            );
        } finally {
          client.pragma("foreign_keys = ON");
        }
      }),
    ping: () => inTurn(async () => void client.prepare("SELECT 1").get()),
    close: async () => void client.close(),
  };
}

function openPostgres(url: string, migrationsRoot: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const drizzled = drizzlePostgres(pool);
  const db = drizzled as unknown as Tx;
  const guarded = <T>(work: () => Promise<T>): Promise<T> => {
    refuseNested();
    return insideWork.run(true, work);
  };
  return {
    dialect: "postgresql",
    driver: { dialect: "postgresql", client: pool },
    run: (work) => guarded(() => work(db)),
    transaction: (work) => guarded(() => drizzled.transaction((tx) => work(tx as unknown as Tx))),
    migrate: () =>
      guarded(() =>
        migratePostgres(drizzled, {
          migrationsFolder: `${migrationsRoot}/${MIGRATIONS.postgresql}`,
        }),
      ),
    ping: () => guarded(async () => void (await pool.query("SELECT 1"))),
    close: () => pool.end(),
  };
}
