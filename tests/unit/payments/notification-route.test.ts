// app/api/doku/notifications/route.ts called as Next calls it (a web Request in, a Response out):
// when the database cannot commit, DOKU gets a 5xx and nothing is recorded, so its retry is
// processed afresh once the database is back.
import { randomUUID } from "node:crypto";
import Sqlite from "better-sqlite3";
import { eq } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../../support/app-db";
import { createPendingOrder } from "../../support/pending-order";
import { signedNotification } from "../../support/signed-notification";

const url = setTestEnv();
const { POST } = await import("@/app/api/doku/notifications/route");
const { MAX_NOTIFICATION_BYTES } = await import("@/lib/payments/notifications");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

function signedRequest(target: { invoice: string; amount: number }, requestId: string): Request {
  const { text: body, headers } = signedNotification(target, "SUCCESS", { requestId });
  headers.set("Content-Type", "application/json");
  return new Request(`http://localhost:3000${TEST_DOKU.notificationPath}`, {
    method: "POST",
    headers,
    body,
  });
}

/**
 * Runs `work` while the app's writes to payment_events fail. SQLite: another process holds the
 * write lock longer than the app waits for it. PostgreSQL: another session holds a lock on the
 * table, and the app's statement waiting for it is cancelled, as a failover or an operator would.
 */
async function whileTheDatabaseFails<T>(work: () => Promise<T>): Promise<T> {
  if (db.driver.dialect === "sqlite") {
    const client = db.driver.client;
    client.pragma("busy_timeout = 50");
    const other = new Sqlite(url);
    other.exec("BEGIN IMMEDIATE");
    try {
      return await work();
    } finally {
      other.exec("ROLLBACK");
      other.close();
      client.pragma("busy_timeout = 5000");
    }
  }
  const locker = new pg.Client({ connectionString: url });
  const watcher = new pg.Client({ connectionString: url });
  await Promise.all([locker.connect(), watcher.connect()]);
  try {
    const lockerPid = (await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))
      .rows[0]!.pid;
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE payment_events IN ACCESS EXCLUSIVE MODE");
    const pending = work();
    // Wait until the app's transaction is blocked on that lock, then cancel its statement.
    let cancelled = false;
    for (let i = 0; i < 200 && !cancelled; i++) {
      const { rows } = await watcher.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
        [lockerPid],
      );
      for (const { pid } of rows) {
        await watcher.query("SELECT pg_cancel_backend($1)", [pid]);
        cancelled = true;
      }
      if (!cancelled) await new Promise((r) => setTimeout(r, 10));
    }
    expect(cancelled, "the app's transaction never waited for the lock").toBe(true);
    return await pending;
  } finally {
    await locker.query("ROLLBACK").catch(() => undefined);
    await Promise.all([locker.end(), watcher.end()]);
  }
}

describe("@faults POST /api/doku/notifications", () => {
  it("answers 500 and records nothing while the database cannot commit; DOKU's retry then pays the order once", async () => {
    const order = await createPendingOrder(db);
    const requestId = randomUUID();
    const eventsFor = () =>
      db.run((d) =>
        d.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.requestId, requestId)),
      );
    const orderStatus = async () =>
      (
        await db.run((d) =>
          d.select().from(schema.orders).where(eq(schema.orders.id, order.orderId)),
        )
      )[0]!.status;

    const refused = await whileTheDatabaseFails(() => POST(signedRequest(order, requestId)));
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ ok: false, outcome: "error:not_recorded" });
    expect(await eventsFor()).toEqual([]);
    expect(await orderStatus()).toBe("pending");

    const retried = await POST(signedRequest(order, requestId));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, outcome: "paid" });
    expect((await eventsFor()).map((e) => e.outcome)).toEqual(["paid"]);
    expect(await orderStatus()).toBe("paid");
  });

  it("refuses a body over the limit with 413 before verifying anything", async () => {
    const big = new Request(`http://localhost:3000${TEST_DOKU.notificationPath}`, {
      method: "POST",
      body: "x".repeat(MAX_NOTIFICATION_BYTES + 1),
    });
    const answer = await POST(big);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({ ok: false, outcome: "rejected:too_large" });
  });
});
