// Group commit for SQLite. A commit costs a WAL append of every page it dirtied (two write
// syscalls per page) plus the shm locking; notifications that arrive together dirty many of the
// same pages (the tail of payment_events and of its indexes, the status indexes, the header
// page). Running them in one IMMEDIATE transaction writes those pages once.
//
// Each piece of work still runs in its own SAVEPOINT, so a piece that throws is rolled back alone
// and only its caller sees the error; and no caller is answered before the COMMIT, so an
// acknowledgement still means "durably recorded". Pure (the connection comes in), so tests and the
// benchmark's bare server use it exactly as the app does.
import type Database from "better-sqlite3";

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Queued {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitter {
  /** Runs `work` (synchronous) inside the next shared transaction; settles after its COMMIT. */
  run<T>(work: () => T): Promise<T>;
}

/**
 * `maxBatch` bounds one transaction, and so the time the event loop is held by it; whatever is
 * queued beyond it goes into the next one, started on the following turn.
 */
export function groupCommitter(sqlite: Database.Database, { maxBatch = 64 } = {}): GroupCommitter {
  const queue: Queued[] = [];
  let scheduled = false;

  const savepoint = sqlite.transaction((work: () => unknown) => work());
  const batch = sqlite.transaction((items: Queued[]): Outcome[] =>
    items.map((item) => {
      try {
        return { ok: true, value: savepoint(item.work) };
      } catch (error) {
        // A failure that ended the whole transaction (disk full, I/O error) must fail the batch.
        if (!sqlite.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    const items = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();

    let outcomes: Outcome[];
    try {
      outcomes = batch.immediate(items);
    } catch (error) {
      // Nothing of this batch was committed: every caller gets the error.
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // After the current turn's I/O callbacks: requests read in the same turn share the commit.
    setImmediate(flush);
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
