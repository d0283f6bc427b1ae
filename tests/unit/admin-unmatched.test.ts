// lib/admin/unmatched.ts: signed notifications that match no attempt are listed for staff until
// reviewed; forged ones and those that belong to an order are not.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";
import { signedHeaders, successBody } from "../support/signed-notification";

setTestEnv();
const { receiveNotification } = await import("@/lib/payments/notifications");
const schema = await import("@/lib/db/schema");
const { markUnmatchedReviewed, unmatchedNotifications } = await import("@/lib/admin/unmatched");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
const by = {
  staff: { id: 1, email: "owner@shop.example", name: "Owner", role: "owner" as const },
  clientAddress: null,
};

beforeAll(async () => {
  db = await migratedAndSeeded();
});

async function deliver(body: string, secret = TEST_DOKU.secretKey) {
  const { headers, requestId } = signedHeaders(body, secret);
  return {
    requestId,
    answer: await receiveNotification(Buffer.from(body), headers, {
      url: TEST_DOKU.notificationPath,
    }),
  };
}
const success = successBody;

describe("@faults unmatched notifications", () => {
  it("lists signed notifications without an order, newest first, until each is marked reviewed", async () => {
    const unknown = await deliver(success("INV-NOT-OURS-1", 250_000));
    expect(unknown.answer.status).toBe(404);
    const unreadable = await deliver(
      JSON.stringify({ order: { invoice_number: "INV-NOT-OURS-2" } }),
    ); // signed, no amount: schema fails
    expect(unreadable.answer.status).toBe(400);
    // Not listed: a forgery (nobody but DOKU can sign), and a flagged event that has its order.
    expect((await deliver(success("INV-FORGED", 1), "SK-NOT-DOKU")).answer.status).toBe(401);
    const order = await createPendingOrder(db);
    expect((await deliver(success(order.invoice, order.amount - 1))).answer.body.outcome).toMatch(
      /^flagged:amount_mismatch/,
    );

    const list = await unmatchedNotifications();
    expect(list.total).toBe(2);
    expect(
      list.rows.map((r) => [r.requestId, r.invoice, r.amount, r.outcome, r.httpStatus]),
    ).toEqual([
      [unreadable.requestId, "INV-NOT-OURS-2", null, "rejected:schema", 400],
      [unknown.requestId, "INV-NOT-OURS-1", 250_000, "unknown_invoice", 404],
    ]);
    expect(await unmatchedNotifications(1)).toMatchObject({
      total: 2,
      rows: [{ requestId: unreadable.requestId }],
    });

    const [first] = list.rows;
    expect(await markUnmatchedReviewed(first!.id, by)).toBe(true);
    expect(await markUnmatchedReviewed(first!.id, by)).toBe(false); // already reviewed: nothing changes
    expect((await unmatchedNotifications()).rows.map((r) => r.requestId)).toEqual([
      unknown.requestId,
    ]);
  });

  it("never marks an event that belongs to an order", async () => {
    const order = await createPendingOrder(db);
    await deliver(success(order.invoice, order.amount + 1));
    const [event] = await db.run((d) =>
      d
        .select({ id: schema.paymentEvents.id })
        .from(schema.paymentEvents)
        .where(
          and(
            eq(schema.paymentEvents.orderId, order.orderId),
            eq(schema.paymentEvents.flagged, true),
          ),
        ),
    );
    expect(await markUnmatchedReviewed(event!.id, by)).toBe(false);
  });
});
