// app/api/doku/notifications/route.ts called as Next calls it (a web Request in, a Response out):
// when the database cannot commit, DOKU gets a 5xx and nothing is recorded, so its retry is
// processed afresh once the database is back.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { TEST_DOKU, migratedAndSeeded, setTestEnv } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";

const path = setTestEnv();
const { POST } = await import("@/app/api/doku/notifications/route");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

function signedRequest(invoice: string, amount: number, requestId = randomUUID()): Request {
  const body = JSON.stringify({
    order: { invoice_number: invoice, amount },
    transaction: { status: "SUCCESS", date: dokuTimestamp(), original_request_id: randomUUID() },
  });
  const requestTimestamp = dokuTimestamp();
  const signature = signRequest(
    { clientId: TEST_DOKU.clientId, requestId, requestTimestamp, requestTarget: TEST_DOKU.notificationPath, body },
    TEST_DOKU.secretKey,
  );
  return new Request(`http://localhost:3000${TEST_DOKU.notificationPath}`, {
    method: "POST",
    headers: { "Client-Id": TEST_DOKU.clientId, "Request-Id": requestId, "Request-Timestamp": requestTimestamp, Signature: signature, "Content-Type": "application/json" },
    body,
  });
}

describe("@faults POST /api/doku/notifications", () => {
  it("answers 500 and records nothing while the database cannot commit; DOKU's retry then pays the order once", async () => {
    const order = createPendingOrder(db);
    const requestId = randomUUID();
    const eventsFor = () => db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.requestId, requestId)).all();

    // Another process holds the write lock longer than the app will wait for it.
    db.$client.pragma("busy_timeout = 50");
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    try {
      const refused = await POST(signedRequest(order.invoice, order.amount, requestId));
      expect(refused.status).toBe(500);
      expect(await refused.json()).toEqual({ ok: false, outcome: "error:not_recorded" });
    } finally {
      other.exec("ROLLBACK");
      other.close();
      db.$client.pragma("busy_timeout = 5000");
    }
    expect(eventsFor()).toEqual([]);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.orderId)).get()!.status).toBe("pending");

    const retried = await POST(signedRequest(order.invoice, order.amount, requestId));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, outcome: "paid" });
    expect(eventsFor().map((e) => e.outcome)).toEqual(["paid"]);
    expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.orderId)).get()!.status).toBe("paid");
  });

  it("refuses a body over the limit with 413 before verifying anything", async () => {
    const big = new Request(`http://localhost:3000${TEST_DOKU.notificationPath}`, { method: "POST", body: "x".repeat(64 * 1024 + 1) });
    const answer = await POST(big);
    expect(answer.status).toBe(413);
  });
});
