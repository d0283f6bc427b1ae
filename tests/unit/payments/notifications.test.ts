// lib/payments/notifications.ts on a real database (SQLite or PostgreSQL): verification, the
// Request-Id inbox, invoice and amount matching, and the state rules, whatever order
// notifications arrive in, one after another or all at once.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../../support/app-db";
import { createPendingOrder, type PendingOrder } from "../../support/pending-order";
import { signedHeaders, signedNotification } from "../../support/signed-notification";

setTestEnv();
const { receiveNotification } = await import("@/lib/payments/notifications");
const { openDatabase } = await import("@/lib/db/connection");
const schema = await import("@/lib/db/schema");
const { newAttemptRefs } = await import("@/lib/payments/attempts");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

type Notification = ReturnType<typeof signedNotification>;
const meta = { url: TEST_DOKU.notificationPath };
const deliver = (n: Pick<Notification, "body" | "headers">) =>
  receiveNotification(n.body, n.headers, meta);
const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!;
const orderStatus = async (f: PendingOrder) =>
  (await one(db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId)))))
    .status;
const attemptStatus = async (f: PendingOrder) =>
  (
    await one(
      db.run((d) =>
        d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.id, f.attemptId)),
      ),
    )
  ).status;
const events = (f: PendingOrder) =>
  db.run((d) =>
    d
      .select()
      .from(schema.paymentEvents)
      .where(eq(schema.paymentEvents.attemptId, f.attemptId))
      .orderBy(asc(schema.paymentEvents.id)),
  );
const allEventsFor = (requestId: string) =>
  db.run((d) =>
    d
      .select()
      .from(schema.paymentEvents)
      .where(eq(schema.paymentEvents.requestId, requestId))
      .orderBy(asc(schema.paymentEvents.id)),
  );

/** What receiveNotification wrote to stdout while `work` ran, one parsed JSON object per line. */
async function loggedDuring<T>(
  work: () => Promise<T>,
): Promise<{ value: T; lines: Record<string, unknown>[]; raw: string }> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  try {
    const value = await work();
    const raw = written.join("");
    const lines = raw
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.event === "notification");
    return { value, lines, raw };
  } finally {
    spy.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe("the shopper's timeline", () => {
  it("tells what each event did, from the effect its typed result wrote, not from its outcome text", async () => {
    const f = await createPendingOrder(db);
    await deliver(signedNotification(f, "SUCCESS"));
    await deliver(signedNotification(f, "SUCCESS"));
    await deliver(signedNotification(f, "FAILED"));
    expect((await events(f)).map((e) => [e.outcome, e.effect])).toEqual([
      ["paid", "paid"],
      ["duplicate:already_paid", null],
      ["ignored:attempt_paid", null],
    ]);
    const [order] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId)),
    );
    const { findShopperOrder } = await import("@/lib/orders/queries");
    const shown = await findShopperOrder(order!.publicToken);
    // Codes, worded by components/orders/payment-timeline.tsx (shop.order.timeline).
    expect(shown!.timeline.map((t) => [t.event, t.source, t.tone])).toEqual([
      ["placed", null, "neutral"],
      ["paid", "notification", "good"],
    ]);
  });
});

describe("@faults receiveNotification", () => {
  let f: PendingOrder;
  beforeEach(async () => {
    f = await createPendingOrder(db);
  });

  it("SUCCESS marks the attempt and the order paid, and records the event", async () => {
    const n = signedNotification(f, "SUCCESS");
    const { value: answer, lines, raw } = await loggedDuring(() => deliver(n));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, outcome: "paid" });
    expect(await orderStatus(f)).toBe("paid");
    expect(await attemptStatus(f)).toBe("paid");
    const [event] = await events(f);
    expect(event).toMatchObject({
      kind: "notification",
      direction: "in",
      signatureValid: true,
      outcome: "paid",
      flagged: false,
    });
    expect(event!.requestHeaders.Signature).toMatch(/…$/);
    // The log line: what happened, never a secret or a signature.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      requestId: n.requestId,
      status: 200,
      outcome: "paid",
      invoice: f.invoice,
      amount: f.amount,
    });
    expect(typeof lines[0]!.ms).toBe("number");
    expect(raw).not.toContain(TEST_DOKU.secretKey);
    expect(raw).not.toContain("HMACSHA256");
  });

  it("parses leniently: null or missing optional fields and unknown extras; only invoice, amount and status are required", async () => {
    const body = JSON.stringify({
      service: null,
      order: { invoice_number: f.invoice, amount: f.amount, currency: null, session_id: "x" },
      transaction: { status: "SUCCESS", date: null, original_request_id: null, type: "SALE" },
      peer_to_peer_info: { merchant_unique_reference: null, identifier: null, new_field: { a: 1 } },
      something_new: [1, 2, 3],
    });
    expect(
      (await deliver({ body: Buffer.from(body), headers: signedHeaders(body).headers })).body,
    ).toEqual({ ok: true, outcome: "paid" });
    expect(await orderStatus(f)).toBe("paid");
    for (const broken of [
      { order: { invoice_number: f.invoice, amount: null }, transaction: { status: "SUCCESS" } },
      { order: { invoice_number: f.invoice, amount: f.amount }, transaction: { status: null } },
    ]) {
      const text = JSON.stringify(broken);
      const answer = await deliver({
        body: Buffer.from(text),
        headers: signedHeaders(text).headers,
      });
      expect(answer.status, text).toBe(400);
    }
  });

  it("REFUNDED marks a paid order refunded, and is ignored for one that was never paid", async () => {
    await deliver(signedNotification(f, "SUCCESS"));
    expect((await deliver(signedNotification(f, "REFUNDED"))).body).toEqual({
      ok: true,
      outcome: "refunded",
    });
    expect(await orderStatus(f)).toBe("refunded");
    expect(await attemptStatus(f)).toBe("refunded");
    const unpaid = await createPendingOrder(db);
    expect((await deliver(signedNotification(unpaid, "REFUNDED"))).status).toBe(200);
    expect(await orderStatus(unpaid)).toBe("pending");
  });

  it("the same Request-Id again answers 200 and changes nothing", async () => {
    const n = signedNotification(f, "SUCCESS");
    await deliver(n);
    const again = await deliver(n);
    expect(again).toMatchObject({ status: 200, body: { ok: true, outcome: "duplicate" } });
    expect((await allEventsFor(n.requestId)).map((e) => e.outcome)).toEqual(["paid", "duplicate"]);
    expect((await allEventsFor(n.requestId)).filter((e) => e.inboxKey).length).toBe(1);
  });

  it("FAILED after SUCCESS (new Request-Id) leaves the order paid", async () => {
    await deliver(signedNotification(f, "SUCCESS"));
    const late = await deliver(signedNotification(f, "FAILED"));
    expect(late.status).toBe(200);
    expect(late.body.outcome).toBe("ignored:attempt_paid");
    expect(await orderStatus(f)).toBe("paid");
  });

  it("SUCCESS after FAILED marks paid: money taken wins", async () => {
    await deliver(signedNotification(f, "FAILED"));
    expect(await orderStatus(f)).toBe("failed");
    expect((await deliver(signedNotification(f, "SUCCESS"))).body.outcome).toBe("paid");
    expect(await orderStatus(f)).toBe("paid");
  });

  it("a different amount is kept, flagged, acknowledged — and never paid", async () => {
    const answer = await deliver(signedNotification(f, "SUCCESS", { amount: f.amount - 1 }));
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe(
      `flagged:amount_mismatch(expected ${f.amount}, got ${f.amount - 1})`,
    );
    expect(await orderStatus(f)).toBe("pending");
    expect((await events(f))[0]!.flagged).toBe(true);
  });

  it("a bad signature is a 401 that changes nothing and reserves no Request-Id", async () => {
    const forged = signedNotification(f, "SUCCESS", { secret: "SK-ATTACKER-0000000000000000" });
    expect(await deliver(forged)).toMatchObject({
      status: 401,
      body: { ok: false, outcome: "rejected:signature" },
    });
    expect(await orderStatus(f)).toBe("pending");
    const [stored] = await allEventsFor(forged.requestId);
    expect(stored).toMatchObject({ signatureValid: false, inboxKey: null, httpStatus: 401 });

    // DOKU's genuine notification with that same Request-Id still goes through.
    expect(
      (await deliver(signedNotification(f, "SUCCESS", { requestId: forged.requestId }))).body
        .outcome,
    ).toBe("paid");
  });

  it("a signature over another path is refused", async () => {
    expect((await deliver(signedNotification(f, "SUCCESS", { path: "/elsewhere" }))).status).toBe(
      401,
    );
    expect(await orderStatus(f)).toBe("pending");
  });

  it("an unknown invoice is a 404, and DOKU's retry of it is processed afresh", async () => {
    const n = signedNotification({ ...f, invoice: "INV-UNKNOWN-1" }, "SUCCESS");
    expect((await deliver(n)).status).toBe(404);
    expect((await deliver(n)).status).toBe(404);
    expect((await allEventsFor(n.requestId)).map((e) => [e.outcome, e.inboxKey])).toEqual([
      ["unknown_invoice", null],
      ["unknown_invoice", null],
    ]);
  });

  it("a signed but malformed body is a 400, recorded and flagged", async () => {
    const body = '{"order":{"invoice_number":"X"}}';
    const { headers, requestId } = signedHeaders(body);
    const answer = await deliver({ body: Buffer.from(body), headers });
    expect(answer.status).toBe(400);
    expect((await allEventsFor(requestId))[0]).toMatchObject({
      outcome: "rejected:schema",
      flagged: true,
      inboxKey: null,
    });
  });

  it("an unrecognised status is acknowledged, claimed and applied to nothing (no retries for events we merely ignore)", async () => {
    const n = signedNotification(f, "ON_HOLD");
    expect(await deliver(n)).toEqual({
      status: 200,
      body: { ok: true, outcome: "ignored:status_ON_HOLD" },
    });
    expect(
      (await allEventsFor(n.requestId)).map((e) => [e.outcome, e.inboxKey, e.flagged, e.effect]),
    ).toEqual([["ignored:status_ON_HOLD", n.requestId, false, null]]);
    expect([await attemptStatus(f), await orderStatus(f)]).toEqual(["pending", "pending"]);
    // A PENDING, which the core knows but a notification never settles on, is ignored the same way.
    expect((await deliver(signedNotification(f, "PENDING"))).body).toEqual({
      ok: true,
      outcome: "ignored:status_PENDING",
    });
    // The attempt is still open: DOKU's SUCCESS afterwards pays it.
    expect((await deliver(signedNotification(f, "SUCCESS"))).body.outcome).toBe("paid");
  });

  it("a body over the limit is a 413 and records nothing", async () => {
    const before = (await events(f)).length;
    expect(await receiveNotification(null, new Headers(), meta)).toEqual({
      status: 413,
      body: { ok: false, outcome: "rejected:too_large" },
    });
    expect(await events(f)).toHaveLength(before);
  });
});

describe("@faults state rules across attempts", () => {
  async function withNewerAttempt() {
    const f = await createPendingOrder(db);
    const refs = newAttemptRefs();
    await db.run((d) =>
      d
        .insert(schema.paymentAttempts)
        .values({ orderId: f.orderId, amount: f.amount, status: "pending", ...refs }),
    );
    return { f, newer: { ...f, invoice: refs.invoiceNumber } };
  }

  it.each(["FAILED", "EXPIRED"])(
    "a %s for an old attempt does not fail an order that has a newer attempt, nor give its units back",
    async (status) => {
      const { f, newer } = await withNewerAttempt();
      const lower = status.toLowerCase();
      expect((await deliver(signedNotification(f, status))).body.outcome).toBe(
        `${lower}:superseded_attempt`,
      );
      expect(await attemptStatus(f)).toBe(lower);
      const order = await one(
        db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId))),
      );
      expect(order).toMatchObject({ status: "pending", stockState: "reserved" });
      const emails = await db.run((d) =>
        d
          .select({ kind: schema.emailOutbox.kind })
          .from(schema.emailOutbox)
          .where(eq(schema.emailOutbox.orderId, f.orderId)),
      );
      expect(emails).toEqual([]);
      // …and the newer attempt can still pay it.
      expect((await deliver(signedNotification(newer, "SUCCESS"))).body.outcome).toBe("paid");
    },
  );

  it.each(["FAILED", "EXPIRED"])(
    "a %s for the newest attempt after an older one paid the order leaves it paid, its units sold, no email",
    async (status) => {
      const { f, newer } = await withNewerAttempt();
      expect((await deliver(signedNotification(f, "SUCCESS"))).body.outcome).toBe("paid");
      const n = signedNotification(newer, status);
      const lower = status.toLowerCase();
      expect((await deliver(n)).body).toEqual({ ok: true, outcome: `${lower}:order_unchanged` });
      expect(await allEventsFor(n.requestId)).toMatchObject([
        { outcome: `${lower}:order_unchanged`, flagged: false, effect: null },
      ]);
      // The newer attempt itself is settled as DOKU says; the order it no longer owns is not.
      const [attempt] = await db.run((d) =>
        d
          .select()
          .from(schema.paymentAttempts)
          .where(eq(schema.paymentAttempts.invoiceNumber, newer.invoice)),
      );
      expect(attempt!.status).toBe(lower);
      const order = await one(
        db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId))),
      );
      expect(order).toMatchObject({ status: "paid", stockState: "sold" });
      const emails = await db.run((d) =>
        d
          .select({ kind: schema.emailOutbox.kind })
          .from(schema.emailOutbox)
          .where(eq(schema.emailOutbox.orderId, f.orderId)),
      );
      expect(emails.map((e) => e.kind)).toEqual(["order_confirmation"]);
    },
  );

  it("a second attempt paid after the order is already paid is flagged (double payment)", async () => {
    const { f, newer } = await withNewerAttempt();
    expect((await deliver(signedNotification(f, "SUCCESS"))).body.outcome).toBe("paid");
    const n = signedNotification(newer, "SUCCESS");
    const second = await deliver(n);
    expect(second.body.outcome).toBe("paid:order_already_paid");
    expect(await orderStatus(f)).toBe("paid");
    expect(await allEventsFor(n.requestId)).toMatchObject([
      { outcome: "paid:order_already_paid", flagged: true },
    ]);
  });
});

describe("@faults notifications delivered concurrently", () => {
  it("a burst — retries, replays, a second Request-Id, forgeries — pays each order exactly once and records everything", async () => {
    const fixtures = await Promise.all(Array.from({ length: 30 }, () => createPendingOrder(db)));
    const deliveries = fixtures.flatMap((f) => {
      const first = signedNotification(f, "SUCCESS");
      return [
        { f, n: first }, // DOKU's first delivery…
        { f, n: first }, // …and its retry of the same Request-Id, at the same time
        { f, n: signedNotification(f, "SUCCESS") }, // a new Request-Id for the same payment
        { f, n: signedNotification(f, "SUCCESS", { secret: "SK-FORGED" }), forged: true },
      ];
    });
    const { value: answers, lines } = await loggedDuring(() =>
      Promise.all(deliveries.map(({ n }) => deliver(n))),
    );

    deliveries.forEach((d, i) => {
      if (d.forged)
        expect(answers[i]).toEqual({
          status: 401,
          body: { ok: false, outcome: "rejected:signature", message: expect.any(String) },
        });
      else expect(answers[i]!.status).toBe(200);
    });
    expect(lines).toHaveLength(deliveries.length);
    for (const line of lines) expect(typeof line.ms).toBe("number");
    for (const f of fixtures) {
      const mine = deliveries.flatMap((d, i) =>
        d.f === f && !d.forged ? [answers[i]!.body.outcome] : [],
      );
      // Which of the three gets there first is up to the scheduler; what each outcome is, is not.
      expect(mine.sort()).toEqual(["duplicate", "duplicate:already_paid", "paid"]);
      expect(await orderStatus(f)).toBe("paid");
      expect(await attemptStatus(f)).toBe("paid");
      expect((await events(f)).map((e) => e.outcome).sort()).toEqual([
        "duplicate",
        "duplicate:already_paid",
        "paid",
      ]);
    }
    for (const { n } of deliveries.filter((d) => d.forged)) {
      expect(
        (await allEventsFor(n.requestId)).map((e) => [e.outcome, e.signatureValid, e.inboxKey]),
      ).toEqual([["rejected:signature", false, null]]);
    }
  });

  it("interleaved deliveries for 10 orders are isolated: each order paid once, one `paid` event each, every delivery recorded", async () => {
    const fixtures = await Promise.all(Array.from({ length: 10 }, () => createPendingOrder(db)));
    // 20 different notifications: two SUCCESS per order under different Request-Ids, and DOKU
    // delivering the first of them twice. All 30 at once, interleaved so that orders mix.
    const deliveries = fixtures.flatMap((f) => {
      const a = signedNotification(f, "SUCCESS");
      const b = signedNotification(f, "SUCCESS");
      return [
        { f, n: a },
        { f, n: b },
        { f, n: a, exactDuplicate: true },
      ];
    });
    // 7 is coprime with 30: every delivery once, neighbours belonging to different orders.
    const shuffled = deliveries.map((_, i) => deliveries[(i * 7) % deliveries.length]!);
    const answers = await Promise.all(shuffled.map(({ n }) => deliver(n)));

    // Duplicates, exact or under a new Request-Id, are acknowledged: DOKU must stop retrying.
    expect(answers.map((a) => a.status)).toEqual(shuffled.map(() => 200));
    expect(answers.every((a) => a.body.ok)).toBe(true);

    for (const f of fixtures) {
      const outcomes = shuffled.flatMap((d, i) => (d.f === f ? [answers[i]!.body.outcome] : []));
      expect(
        outcomes.filter((o) => o === "paid"),
        f.invoice,
      ).toHaveLength(1);
      expect(outcomes.sort()).toEqual(["duplicate", "duplicate:already_paid", "paid"]);

      const order = await one(
        db.run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId))),
      );
      expect(order.status).toBe("paid");
      expect(order.paidAt).toBeInstanceOf(Date);
      expect(await attemptStatus(f)).toBe("paid");

      // Every delivery recorded against its own order, exactly one of them as the payment.
      const recorded = await events(f);
      expect(recorded).toHaveLength(3);
      expect(recorded.filter((e) => e.outcome === "paid")).toHaveLength(1);
      expect(
        recorded.every(
          (e) => e.orderId === f.orderId && e.signatureValid === true && e.httpStatus === 200,
        ),
      ).toBe(true);
      const sent = deliveries.filter((d) => d.f === f).map((d) => d.n.requestId);
      expect(recorded.map((e) => e.requestId).sort()).toEqual([...sent].sort());
      // The inbox holds each of the two Request-Ids once; the exact duplicate claimed nothing.
      expect(recorded.flatMap((e) => (e.inboxKey ? [e.inboxKey] : [])).sort()).toEqual(
        [...new Set(sent)].sort(),
      );
    }
  });

  it("resolves only after the commit: another connection already sees the order paid", async () => {
    const f = await createPendingOrder(db);
    const other = openDatabase(process.env.DATABASE_URL!);
    try {
      const statusSeenByOther = async () =>
        (
          await one(
            other.run((d) =>
              d
                .select({ status: schema.orders.status })
                .from(schema.orders)
                .where(eq(schema.orders.id, f.orderId)),
            ),
          )
        ).status;
      expect(await statusSeenByOther()).toBe("pending");
      const paid = await deliver(signedNotification(f, "SUCCESS"));
      expect(paid.body.outcome).toBe("paid");
      expect(await statusSeenByOther()).toBe("paid");
    } finally {
      await other.close();
    }
  });
});
