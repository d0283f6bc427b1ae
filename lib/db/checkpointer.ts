// WAL checkpoints off the event loop. By default SQLite copies the WAL back into the database file
// (and fsyncs both) inside whichever COMMIT takes the WAL past 1,000 pages: on the notification
// route that cost about 60 µs of main-thread time per request, paid as a stall of tens of
// milliseconds every few hundred requests (docs/performance-log.md). Here a worker thread with its
// own connection runs a PASSIVE checkpoint every `intervalMs` instead. PASSIVE never takes the
// write lock and never waits for readers, so the app's writer is never blocked by it; once it
// has caught up, the next write transaction starts the WAL over from the beginning.
//
// The app's connection keeps SQLite's automatic checkpoint as a safety net, at `fallbackPages`
// instead of 1,000: if the worker falls behind or dies, the WAL still cannot grow without bound,
// and if the worker cannot start at all the default comes back.
//
// Pure (the connection comes in), free of `server-only`, so tests exercise it directly.
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

// Run with `eval`: nothing for the bundler to trace and no file to ship. Only dynamic import()
// works both where eval'd code is CommonJS (node) and where it is a module (under tsx's loader).
// better-sqlite3 is resolved from the project root (a server external: never bundled).
const WORKER_SOURCE = String.raw`
(async () => {
  const { parentPort, workerData } = await import("node:worker_threads");
  const { createRequire } = await import("node:module");
  const Database = createRequire(workerData.root + "/")("better-sqlite3");
  const db = new Database(workerData.path, { fileMustExist: true });
  let failures = 0;
  setInterval(() => {
    try {
      const [result] = db.pragma("wal_checkpoint(PASSIVE)");
      failures = 0;
      if (workerData.report) parentPort.postMessage({ type: "checkpoint", ...result });
    } catch (error) {
      // Reported once per run of failures, not on every tick.
      if (failures++ === 0) parentPort.postMessage({ type: "error", message: String((error && error.message) || error) });
    }
  }, workerData.intervalMs);
  parentPort.on("message", (message) => {
    if (message === "stop") {
      db.close();
      process.exit(0);
    }
  });
  parentPort.postMessage({ type: "ready" });
})(); // a failure to start rejects, which ends the worker with an 'error' event
`;

export interface CheckpointResult {
  /** 1 if another checkpoint held the checkpoint lock. */
  busy: number;
  /** Frames in the WAL when the checkpoint ran. */
  log: number;
  /** Frames copied into the database so far (all of them = caught up). */
  checkpointed: number;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** The app connection's own automatic checkpoint threshold while the worker runs. */
  fallbackPages?: number;
  /** Where the worker resolves better-sqlite3 from. */
  root?: string;
  onError?: (message: string) => void;
  /** Tests: every checkpoint's result. */
  onCheckpoint?: (result: CheckpointResult) => void;
}

export interface Checkpointer {
  /** Resolves once the worker has opened its connection (rejects if it could not). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT = 1000;

export function startCheckpointer(sqlite: Database.Database, options: CheckpointerOptions = {}): Checkpointer {
  const { intervalMs = 200, fallbackPages = 8000, root = process.cwd(), onError = () => {}, onCheckpoint } = options;
  if (sqlite.memory) throw new Error("an in-memory database has no WAL to checkpoint");

  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: sqlite.name, root, intervalMs, report: onCheckpoint !== undefined },
  });
  let stopped = false;
  let failed = false;
  let exited = false;
  const fallBack = (message: string) => {
    if (failed) return;
    failed = true;
    // Without the worker the app's own connection checkpoints again, as SQLite does by default.
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    onError(message);
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: { type: string } & Record<string, unknown>) => {
      if (message.type === "ready") {
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${fallbackPages}`);
        resolve();
      } else if (message.type === "checkpoint") {
        onCheckpoint?.(message as unknown as CheckpointResult);
      } else if (message.type === "error") {
        onError(`WAL checkpoint failed: ${String(message.message)}`);
      }
    });
    worker.on("error", (error) => {
      reject(error);
      fallBack(`WAL checkpointer stopped: ${error.message}`);
    });
    worker.on("exit", (code) => {
      exited = true;
      if (!stopped) {
        const message = `WAL checkpointer exited (code ${code})`;
        reject(new Error(message));
        fallBack(message);
      }
    });
  });
  // Failures are reported through onError; an unawaited `ready` must not crash the process.
  ready.catch(() => {});
  // A background helper must never keep the process alive on its own. After the listeners:
  // adding a 'message' listener refs the worker again.
  worker.unref();

  return {
    ready,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited) {
        const exit = new Promise((resolve) => worker.once("exit", resolve));
        worker.postMessage("stop");
        await exit;
      }
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    },
  };
}
