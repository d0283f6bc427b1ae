// lib/admin/unmatched.ts: signed notifications that match no attempt are listed for staff until
// reviewed; forged ones and those that belong to an order are not.
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_DOKU, migratedAndSeeded, setTestEnv } from "../support/app-db";
import { signedHeaders, successBody } from "../support/signed-notification";
import { createPendingOrder } from "../support/pending-order";

setTestEnv();
const { handleNotification } = await import("@/lib/orders/notifications");
const { markUnmatchedReviewed, unmatchedNotifications } = await import("@/lib/admin/unmatched");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

function deliver(body: string, secret = TEST_DOKU.secretKey) {
  const { headers, requestId } = signedHeaders(body, secret);
  return { requestId, answer: handleNotification(Buffer.from(body), headers, { url: TEST_DOKU.notificationPath }) };
}
const success = successBody;

describe("unmatched notifications", () => {
  it("lists signed notifications without an order, newest first, until each is marked reviewed", () => {
    const unknown = deliver(success("INV-NOT-OURS-1", 250_000));
    expect(unknown.answer.status).toBe(404);
    const unreadable = deliver(JSON.stringify({ order: { invoice_number: "INV-NOT-OURS-2" } })); // signed, no amount: schema fails
    expect(unreadable.answer.status).toBe(400);
    // Not listed: a forgery (nobody but DOKU can sign), and a flagged event that has its order.
    expect(deliver(success("INV-FORGED", 1), "SK-NOT-DOKU").answer.status).toBe(401);
    const order = createPendingOrder(db);
    expect(deliver(success(order.invoice, order.amount - 1)).answer.body.outcome).toMatch(/^flagged:amount_mismatch/);

    const list = unmatchedNotifications();
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.requestId, r.invoice, r.amount, r.outcome, r.httpStatus])).toEqual([
      [unreadable.requestId, "INV-NOT-OURS-2", null, "rejected:schema", 400],
      [unknown.requestId, "INV-NOT-OURS-1", 250_000, "unknown_invoice", 404],
    ]);
    expect(unmatchedNotifications(1)).toMatchObject({ total: 2, rows: [{ requestId: unreadable.requestId }] });

    const [first] = list.rows;
    expect(markUnmatchedReviewed(first!.id)).toBe(true);
    expect(markUnmatchedReviewed(first!.id)).toBe(false); // already reviewed: nothing changes
    expect(unmatchedNotifications().rows.map((r) => r.requestId)).toEqual([unknown.requestId]);
  });

  it("never marks an event that belongs to an order", () => {
    const order = createPendingOrder(db);
    deliver(success(order.invoice, order.amount + 1));
    const event = db.$client.prepare("SELECT id FROM payment_events WHERE order_id = ? AND flagged = 1").get(order.orderId) as { id: number };
    expect(markUnmatchedReviewed(event.id)).toBe(false);
  });
});
