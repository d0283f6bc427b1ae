// lib/orders/notifications.ts on a real SQLite file: verification, the Request-Id inbox,
// invoice and amount matching, and the state rules, whatever order notifications arrive in.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { TEST_DOKU, migratedAndSeeded, setTestEnv } from "../support/app-db";
import { createPendingOrder, type PendingOrder } from "../support/pending-order";
import { signedHeaders } from "../support/signed-notification";

setTestEnv();
const { handleNotification, receiveNotification } = await import("@/lib/orders/notifications");
const schema = await import("@/lib/db/schema");
const { newAttemptRefs } = await import("@/lib/checkout/start-payment");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

function notification(f: PendingOrder, status: string, opts: { amount?: number; requestId?: string; secret?: string; path?: string } = {}) {
  const body = JSON.stringify({
    service: { id: "PEER_TO_PEER" },
    acquirer: { id: "KREDIVO" },
    channel: { id: "PEER_TO_PEER_KREDIVO" },
    order: { invoice_number: f.invoice, amount: opts.amount ?? f.amount },
    transaction: { status, date: dokuTimestamp(), original_request_id: randomUUID() },
  });
  const requestId = opts.requestId ?? randomUUID();
  const requestTimestamp = dokuTimestamp();
  const headers = new Headers({
    "Client-Id": TEST_DOKU.clientId,
    "Request-Id": requestId,
    "Request-Timestamp": requestTimestamp,
    Signature: signRequest(
      { clientId: TEST_DOKU.clientId, requestId, requestTimestamp, requestTarget: opts.path ?? TEST_DOKU.notificationPath, body },
      opts.secret ?? TEST_DOKU.secretKey,
    ),
  });
  return { body: Buffer.from(body), headers, requestId };
}

const deliver = (n: ReturnType<typeof notification>) => handleNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
const orderStatus = (f: PendingOrder) => db.select().from(schema.orders).where(eq(schema.orders.id, f.orderId)).get()!.status;
const attemptStatus = (f: PendingOrder) => db.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.id, f.attemptId)).get()!.status;
const events = (f: PendingOrder) => db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.attemptId, f.attemptId)).all();
const allEventsFor = (requestId: string) =>
  db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.requestId, requestId)).all();

describe("@faults handleNotification", () => {
  let f: PendingOrder;
  beforeEach(() => {
    f = createPendingOrder(db);
  });

  it("SUCCESS marks the attempt and the order paid, and records the event", () => {
    const answer = deliver(notification(f, "SUCCESS"));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, outcome: "paid" });
    expect(orderStatus(f)).toBe("paid");
    expect(attemptStatus(f)).toBe("paid");
    const [event] = events(f);
    expect(event).toMatchObject({ kind: "notification", direction: "in", signatureValid: true, outcome: "paid", flagged: false });
    expect(event!.requestHeaders.Signature).toMatch(/…$/);
    expect(JSON.stringify(answer.log)).not.toContain(TEST_DOKU.secretKey);
    expect(JSON.stringify(answer.log)).not.toContain("HMACSHA256");
  });

  it("parses leniently: null or missing optional fields and unknown extras; only invoice, amount and status are required", () => {
    const body = JSON.stringify({
      service: null,
      order: { invoice_number: f.invoice, amount: f.amount, currency: null, session_id: "x" },
      transaction: { status: "SUCCESS", date: null, original_request_id: null, type: "SALE" },
      peer_to_peer_info: { merchant_unique_reference: null, identifier: null, new_field: { a: 1 } },
      something_new: [1, 2, 3],
    });
    const { headers } = signedHeaders(body);
    expect(handleNotification(Buffer.from(body), headers, { url: TEST_DOKU.notificationPath }).body).toEqual({ ok: true, outcome: "paid" });
    expect(orderStatus(f)).toBe("paid");
    for (const broken of [{ order: { invoice_number: f.invoice, amount: null }, transaction: { status: "SUCCESS" } }, { order: { invoice_number: f.invoice, amount: f.amount }, transaction: { status: null } }]) {
      const text = JSON.stringify(broken);
      const answer = handleNotification(Buffer.from(text), signedHeaders(text).headers, { url: TEST_DOKU.notificationPath });
      expect(answer.status, text).toBe(400);
    }
  });

  it("REFUNDED marks a paid order refunded, and is ignored for one that was never paid", () => {
    deliver(notification(f, "SUCCESS"));
    expect(deliver(notification(f, "REFUNDED")).body).toEqual({ ok: true, outcome: "refunded" });
    expect(orderStatus(f)).toBe("refunded");
    expect(attemptStatus(f)).toBe("refunded");
    const unpaid = createPendingOrder(db);
    expect(deliver(notification(unpaid, "REFUNDED")).status).toBe(200);
    expect(orderStatus(unpaid)).toBe("pending");
  });

  it("the same Request-Id again answers 200 and changes nothing", () => {
    const n = notification(f, "SUCCESS");
    deliver(n);
    const again = deliver(n);
    expect(again).toMatchObject({ status: 200, body: { ok: true, outcome: "duplicate" } });
    expect(allEventsFor(n.requestId).map((e) => e.outcome)).toEqual(["paid", "duplicate"]);
    expect(allEventsFor(n.requestId).filter((e) => e.inboxKey).length).toBe(1);
  });

  it("FAILED after SUCCESS (new Request-Id) leaves the order paid", () => {
    deliver(notification(f, "SUCCESS"));
    const late = deliver(notification(f, "FAILED"));
    expect(late.status).toBe(200);
    expect(late.body.outcome).toBe("ignored:attempt_paid");
    expect(orderStatus(f)).toBe("paid");
  });

  it("SUCCESS after FAILED marks paid: money taken wins", () => {
    deliver(notification(f, "FAILED"));
    expect(orderStatus(f)).toBe("failed");
    expect(deliver(notification(f, "SUCCESS")).body.outcome).toBe("paid");
    expect(orderStatus(f)).toBe("paid");
  });

  it("a different amount is kept, flagged, acknowledged — and never paid", () => {
    const answer = deliver(notification(f, "SUCCESS", { amount: f.amount - 1 }));
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toMatch(/^flagged:amount_mismatch/);
    expect(orderStatus(f)).toBe("pending");
    expect(events(f)[0]!.flagged).toBe(true);
  });

  it("a bad signature is a 401 that changes nothing and reserves no Request-Id", () => {
    const forged = notification(f, "SUCCESS", { secret: "SK-ATTACKER-0000000000000000" });
    expect(deliver(forged)).toMatchObject({ status: 401, body: { ok: false, outcome: "rejected:signature" } });
    expect(orderStatus(f)).toBe("pending");
    const [stored] = allEventsFor(forged.requestId);
    expect(stored).toMatchObject({ signatureValid: false, inboxKey: null, httpStatus: 401 });

    // DOKU's genuine notification with that same Request-Id still goes through.
    expect(deliver(notification(f, "SUCCESS", { requestId: forged.requestId })).body.outcome).toBe("paid");
  });

  it("a signature over another path is refused", () => {
    expect(deliver(notification(f, "SUCCESS", { path: "/elsewhere" })).status).toBe(401);
    expect(orderStatus(f)).toBe("pending");
  });

  it("an unknown invoice is a 404, and DOKU's retry of it is processed afresh", () => {
    const n = notification({ ...f, invoice: "INV-UNKNOWN-1" }, "SUCCESS");
    expect(deliver(n).status).toBe(404);
    expect(deliver(n).status).toBe(404);
    expect(allEventsFor(n.requestId).map((e) => [e.outcome, e.inboxKey])).toEqual([
      ["unknown_invoice", null],
      ["unknown_invoice", null],
    ]);
  });

  it("a signed but malformed body is a 400, recorded and flagged", () => {
    const n = notification(f, "SUCCESS");
    const body = Buffer.from('{"order":{"invoice_number":"X"}}');
    const headers = new Headers(n.headers);
    const requestId = headers.get("request-id")!;
    const ts = headers.get("request-timestamp")!;
    headers.set(
      "Signature",
      signRequest({ clientId: TEST_DOKU.clientId, requestId, requestTimestamp: ts, requestTarget: TEST_DOKU.notificationPath, body }, TEST_DOKU.secretKey),
    );
    const answer = handleNotification(body, headers, { url: TEST_DOKU.notificationPath });
    expect(answer.status).toBe(400);
    expect(allEventsFor(requestId)[0]).toMatchObject({ outcome: "rejected:schema", flagged: true, inboxKey: null });
  });

  it("an unknown status is acknowledged and ignored (no retries for events we merely ignore)", () => {
    expect(deliver(notification(f, "PENDING")).body).toEqual({ ok: true, outcome: "ignored:status_PENDING" });
    expect(orderStatus(f)).toBe("pending");
  });
});

describe("@faults state rules across attempts", () => {
  it("a FAILED for an old attempt does not fail an order that has a newer attempt", () => {
    const f = createPendingOrder(db);
    const refs = newAttemptRefs();
    db.insert(schema.paymentAttempts).values({ orderId: f.orderId, amount: f.amount, status: "pending", ...refs }).run();
    expect(deliver(notification(f, "FAILED")).body.outcome).toBe("failed:superseded_attempt");
    expect(orderStatus(f)).toBe("pending");
    // …and the newer attempt can still pay it.
    const newer = { ...f, invoice: refs.invoiceNumber };
    expect(deliver(notification(newer, "SUCCESS")).body.outcome).toBe("paid");
  });

  it("a second attempt paid after the order is already paid is flagged (double payment)", () => {
    const f = createPendingOrder(db);
    const refs = newAttemptRefs();
    db.insert(schema.paymentAttempts).values({ orderId: f.orderId, amount: f.amount, status: "pending", ...refs }).run();
    expect(deliver(notification(f, "SUCCESS")).body.outcome).toBe("paid");
    const second = deliver(notification({ ...f, invoice: refs.invoiceNumber }, "SUCCESS"));
    expect(second.body.outcome).toBe("paid:order_already_paid");
    expect(orderStatus(f)).toBe("paid");
  });
});

describe("@faults receiveNotification (the route's path: group commit)", () => {
  it("a burst in one turn — retries, replays, a second Request-Id, forgeries — pays each order exactly once and records everything", async () => {
    const fixtures = Array.from({ length: 30 }, () => createPendingOrder(db));
    const deliveries = fixtures.flatMap((f) => {
      const first = notification(f, "SUCCESS");
      return [
        { f, n: first, expected: "paid" },
        { f, n: first, expected: "duplicate" }, // DOKU's retry of the same Request-Id, in the same batch
        { f, n: notification(f, "SUCCESS"), expected: "duplicate:already_paid" }, // a new Request-Id for the same payment
        { f, n: notification(f, "SUCCESS", { secret: "SK-FORGED" }), expected: "rejected:signature" },
      ];
    });
    const answers = await Promise.all(deliveries.map(({ n }) => receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath })));

    expect(answers.map((a) => a.body.outcome)).toEqual(deliveries.map((d) => d.expected));
    expect(answers.map((a) => a.status)).toEqual(deliveries.map((d) => (d.expected === "rejected:signature" ? 401 : 200)));
    for (const answer of answers) expect(answer.log.ms).toBeGreaterThan(0);
    for (const f of fixtures) {
      expect(orderStatus(f)).toBe("paid");
      expect(attemptStatus(f)).toBe("paid");
      expect(events(f).map((e) => e.outcome)).toEqual(["paid", "duplicate", "duplicate:already_paid"]);
    }
    const forged = deliveries.filter((d) => d.expected === "rejected:signature");
    for (const { n } of forged) expect(allEventsFor(n.requestId).map((e) => [e.outcome, e.signatureValid, e.inboxKey])).toEqual([["rejected:signature", false, null]]);
  });

  it("resolves only after the commit: another connection already sees the order paid", async () => {
    const f = createPendingOrder(db);
    const Database = (await import("better-sqlite3")).default;
    const other = new Database(process.env.DATABASE_URL!, { readonly: true });
    expect(other.prepare("SELECT status FROM orders WHERE id = ?").pluck().get(f.orderId)).toBe("pending");
    const n = notification(f, "SUCCESS");
    const paid = await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    expect(paid.body.outcome).toBe("paid");
    expect(other.prepare("SELECT status FROM orders WHERE id = ?").pluck().get(f.orderId)).toBe("paid");
    other.close();
  });
});
