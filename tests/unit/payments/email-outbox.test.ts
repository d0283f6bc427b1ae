// The email outbox on a real database (SQLite or PostgreSQL): rows are written in the transaction
// of the change that calls for them, once per change, and the sender delivers each at least once
// and, while it holds the row, only once, with retries and a doubling wait when SMTP refuses; and
// one mailbox gets at most its daily cap of them, staff resends aside.
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { createPendingOrder, type PendingOrder } from "../../support/pending-order";
import { signedNotification } from "../../support/signed-notification";

setTestEnv();
const { receiveNotification } = await import("@/lib/payments/notifications");
const schema = await import("@/lib/db/schema");
const { applyUpdate } = await import("@/lib/payments/transitions");
const { sendDueEmails, SEND_LEASE_MS } = await import("@/lib/mail/sender");
const { RECIPIENT_LIMITED } = await import("@/lib/mail/recipient-limit");
type MailTransport = import("@/lib/mail/sender").MailTransport;
type SenderSettings = import("@/lib/mail/sender").SenderSettings;
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

const deliver = (f: PendingOrder, status: string) => {
  const n = signedNotification(f, status);
  return receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
};
const outbox = (f: PendingOrder) =>
  db.run((d) =>
    d
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.orderId, f.orderId))
      .orderBy(asc(schema.emailOutbox.id)),
  );
const tries = (outboxId: number) =>
  db.run((d) =>
    d
      .select()
      .from(schema.emailDeliveries)
      .where(eq(schema.emailDeliveries.outboxId, outboxId))
      .orderBy(asc(schema.emailDeliveries.id)),
  );

/** Adds one line of a seeded product to the order, so the digital delivery email has a reason. */
async function addLine(f: PendingOrder, slug: string) {
  await db.run(async (d) => {
    const [p] = await d.select().from(schema.products).where(eq(schema.products.slug, slug));
    await d.insert(schema.orderItems).values({
      orderId: f.orderId,
      kind: "product",
      productId: p!.id,
      sellerId: p!.sellerId,
      name: p!.name,
      sku: p!.sku,
      itemType: p!.category,
      unitPrice: p!.price,
      quantity: 1,
      lineTotal: p!.price,
    });
  });
}

/** A transport that refuses the first `refusals` messages, then records what it accepts. */
function fakeTransport(refusals = 0) {
  const accepted: Parameters<MailTransport["sendMail"]>[0][] = [];
  let calls = 0;
  const transport: MailTransport = {
    async sendMail(message) {
      calls++;
      if (calls <= refusals) throw new Error(`451 refused (${calls})`);
      accepted.push(message);
      return { response: `250 OK queued as ${accepted.length}` };
    },
  };
  return { transport, accepted, calls: () => calls };
}

const settings = (
  transport: MailTransport,
  extra: Partial<SenderSettings> = {},
): SenderSettings => ({
  transport,
  from: "Toko Nusantara <pesanan@toko.example>",
  baseUrl: "http://localhost:3000",
  zone: "Asia/Jakarta",
  retryBaseMs: 1_000,
  maxTries: 3,
  recipientDailyLimit: 5,
  tokenSecret: "test-token-secret-0123456789abcdef",
  ...extra,
});

// Each test starts with an empty outbox and no mailbox counted, so a sender run sees only that test's emails.
afterEach(async () => {
  await db.run(async (d) => {
    await d.delete(schema.emailDeliveries);
    await d.delete(schema.emailOutbox);
    await d.delete(schema.rateLimits);
  });
});

const send = (s: SenderSettings, now?: Date) => sendDueEmails(db, s, now);

describe("the outbox is written with the change", () => {
  it("a paid notification queues one confirmation; a duplicate or a later one queues nothing more", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    await deliver(f, "SUCCESS");
    await deliver(f, "FAILED");
    const rows = await outbox(f);
    expect(rows.map((r) => [r.kind, r.status, r.recipient, r.cause])).toEqual([
      ["order_confirmation", "queued", "siti@example.com", `attempt:${f.attemptId}`],
    ]);
  });

  it("an order with a digital product also queues its digital delivery", async () => {
    const f = await createPendingOrder(db);
    await addLine(f, "home-brewing-guide-ebook");
    await deliver(f, "SUCCESS");
    expect((await outbox(f)).map((r) => r.kind)).toEqual([
      "order_confirmation",
      "digital_delivery",
    ]);
  });

  it("a failed or expired payment queues the pay-again email; an old attempt failing queues nothing", async () => {
    const failed = await createPendingOrder(db);
    await deliver(failed, "FAILED");
    expect((await outbox(failed)).map((r) => r.kind)).toEqual(["payment_failed"]);

    const expired = await createPendingOrder(db);
    await db.transaction((tx) =>
      applyUpdate(tx, { id: expired.attemptId, orderId: expired.orderId }, "expired"),
    );
    expect((await outbox(expired)).map((r) => r.kind)).toEqual(["payment_expired"]);

    // A newer attempt owns the order: the first attempt's FAILED changes nothing the shopper sees.
    const superseded = await createPendingOrder(db);
    const { newAttemptRefs } = await import("@/lib/payments/attempts");
    await db.run((d) =>
      d.insert(schema.paymentAttempts).values({
        orderId: superseded.orderId,
        amount: superseded.amount,
        status: "pending",
        ...newAttemptRefs(),
      }),
    );
    await deliver(superseded, "FAILED");
    expect(await outbox(superseded)).toEqual([]);
  });

  it("a refund of a paid order queues one refund notice; a repeat, or a refund of an unpaid order, queues nothing", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    await deliver(f, "REFUNDED");
    await deliver(f, "REFUNDED");
    expect((await outbox(f)).map((r) => [r.kind, r.cause])).toEqual([
      ["order_confirmation", `attempt:${f.attemptId}`],
      ["payment_refunded", `attempt:${f.attemptId}`],
    ]);

    const unpaid = await createPendingOrder(db);
    await deliver(unpaid, "REFUNDED");
    expect(await outbox(unpaid)).toEqual([]);
  });

  it("a change that rolls back leaves no email behind", async () => {
    const f = await createPendingOrder(db);
    await expect(
      db.transaction(async (tx) => {
        await applyUpdate(tx, { id: f.attemptId, orderId: f.orderId }, "paid");
        throw new Error("crash after the transition");
      }),
    ).rejects.toThrow("crash after the transition");
    expect(await outbox(f)).toEqual([]);
  });
});

describe("the sender", () => {
  it("sends a queued email once, under the row's Message-ID, and records the try", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    const smtp = fakeTransport();
    expect(await send(settings(smtp.transport))).toMatchObject({
      sent: 1,
      retrying: 0,
      failed: 0,
      limited: 0,
    });
    expect(await send(settings(smtp.transport))).toMatchObject({ sent: 0 });
    expect(smtp.accepted).toHaveLength(1);
    const [row] = await outbox(f);
    expect(row).toMatchObject({
      status: "sent",
      tries: 1,
      messageId: `<outbox-${row!.id}@localhost>`,
      lastError: null,
    });
    expect(smtp.accepted[0]).toMatchObject({ to: "siti@example.com", messageId: row!.messageId });
    expect(smtp.accepted[0]!.text).toContain("http://localhost:3000/orders/");
    expect((await tries(row!.id)).map((t) => [t.ok, t.response])).toEqual([
      [true, "250 OK queued as 1"],
    ]);
  });

  it("retries after a refusal with a doubling wait, then sends once", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    const smtp = fakeTransport(2);
    const t0 = new Date();
    expect(await send(settings(smtp.transport), t0)).toMatchObject({ retrying: 1 });
    let [row] = await outbox(f);
    expect(row).toMatchObject({ status: "queued", tries: 1, lastError: "451 refused (1)" });
    // The wait is counted from the end of the try (recorded with it): the base, 1 s, after the first refusal.
    const waitAfterLastTry = async () =>
      row!.nextAttemptAt.getTime() - (await tries(row!.id)).at(-1)!.createdAt.getTime();
    expect(await waitAfterLastTry()).toBe(1_000);

    // A millisecond before it is due, nothing is tried; when it is due, the second try runs.
    const due = row!.nextAttemptAt.getTime();
    expect(await send(settings(smtp.transport), new Date(due - 1))).toMatchObject({
      sent: 0,
      retrying: 0,
    });
    expect(smtp.calls()).toBe(1);
    expect(await send(settings(smtp.transport), new Date(due))).toMatchObject({ retrying: 1 });
    [row] = await outbox(f);
    // Doubled after the second refusal: 2 s.
    expect(await waitAfterLastTry()).toBe(2_000);
    expect(await send(settings(smtp.transport), row!.nextAttemptAt)).toMatchObject({ sent: 1 });
    [row] = await outbox(f);
    expect(row).toMatchObject({ status: "sent", tries: 3, lastError: null });
    expect(smtp.accepted).toHaveLength(1);
    expect((await tries(row!.id)).map((t) => t.ok)).toEqual([false, false, true]);
  });

  it("gives up after the last try and says why; a resend is a new row that sends", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "FAILED");
    const smtp = fakeTransport(99);
    let at = Date.now();
    for (let i = 0; i < 3; i++) {
      await send(settings(smtp.transport), new Date(at));
      at += 60 * 60_000;
    }
    const [row] = await outbox(f);
    expect(row).toMatchObject({ status: "failed", tries: 3, lastError: "451 refused (3)" });
    expect(await send(settings(smtp.transport), new Date(at))).toMatchObject({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
  });

  it("two senders at once send each email once", async () => {
    const f = await createPendingOrder(db);
    await addLine(f, "batik-tulis-online-class");
    await deliver(f, "SUCCESS");
    const smtp = fakeTransport();
    const s = settings(smtp.transport);
    const now = new Date();
    await Promise.all([sendDueEmails(db, s, now), sendDueEmails(db, s, now)]);
    expect(smtp.accepted.map((m) => m.messageId).sort()).toEqual(
      (await outbox(f)).map((r) => r.messageId).sort(),
    );
    expect(smtp.accepted).toHaveLength(2);
  });

  it("takes over a row whose sender died mid-send once its lease has run out", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    const [queued] = await outbox(f);
    const now = new Date();
    // A sender claimed it and vanished.
    await db.run((d) =>
      d
        .update(schema.emailOutbox)
        .set({ status: "sending", leaseUntil: new Date(now.getTime() + SEND_LEASE_MS) })
        .where(eq(schema.emailOutbox.id, queued!.id)),
    );
    const smtp = fakeTransport();
    expect(await send(settings(smtp.transport), now)).toMatchObject({ sent: 0 });
    expect(
      await send(settings(smtp.transport), new Date(now.getTime() + SEND_LEASE_MS + 1)),
    ).toMatchObject({ sent: 1 });
    expect(smtp.accepted[0]!.messageId).toBe(`<outbox-${queued!.id}@localhost>`);
  });
});

describe("one mailbox's daily cap @faults", () => {
  const DAY = 24 * 60 * 60_000;
  /** A pending order whose emails go to `email` (checkout takes any address a stranger types). */
  async function orderFor(email: string) {
    const f = await createPendingOrder(db);
    await db.run((d) =>
      d.update(schema.orders).set({ customerEmail: email }).where(eq(schema.orders.id, f.orderId)),
    );
    return f;
  }
  /** A declined payment for a new order to `email`, and a sender run at `at`: what an attacker repeats. */
  async function declinedAndSent(email: string, s: SenderSettings, at: Date) {
    const f = await orderFor(email);
    await deliver(f, "FAILED");
    const report = await send(s, at);
    const [row] = await outbox(f);
    return { f, row: row!, report };
  }

  it("the sixth email to one mailbox in a day is not sent and its row says so; another address is unaffected; a day later one goes again", async () => {
    const smtp = fakeTransport();
    const s = settings(smtp.transport);
    const t0 = Date.now() + 60_000; // every sender run below is after the row it should find was queued
    // One mailbox however it is written: case, +tags and Gmail's dots.
    const victim = [
      "korban@gmail.com",
      "Korban@Gmail.com",
      "korban+kredivo@gmail.com",
      "k.o.r.b.a.n@gmail.com",
      "korban@googlemail.com",
      "KORBAN+x@gmail.com",
    ];
    const runs = [];
    for (const [i, address] of victim.entries())
      runs.push(await declinedAndSent(address, s, new Date(t0 + i * 60_000)));

    expect(runs.map((r) => r.report)).toEqual([
      ...Array.from({ length: 5 }, () => ({
        sent: 1,
        retrying: 0,
        failed: 0,
        limited: 0,
        withdrawn: 0,
      })),
      { sent: 0, retrying: 0, failed: 0, limited: 1, withdrawn: 0 },
    ]);
    expect(smtp.accepted.map((m) => m.to)).toEqual(victim.slice(0, 5));
    // Nothing lost: the sixth row is kept, never tried, and says why it was not sent.
    const sixth = runs[5]!.row;
    expect(sixth).toMatchObject({
      kind: "payment_failed",
      recipient: "KORBAN+x@gmail.com",
      status: "failed",
      tries: 0,
      sentAt: null,
      leaseUntil: null,
      lastError: RECIPIENT_LIMITED,
    });
    expect(await tries(sixth.id)).toEqual([]);
    // Never tried again by the sender, however often it runs.
    expect(await send(s, new Date(t0 + 60 * 60_000))).toMatchObject({ sent: 0, limited: 0 });

    // Another address the same minute is not touched by the victim's count.
    const other = await declinedAndSent("budi@example.com", s, new Date(t0 + 6 * 60_000));
    expect(other.report).toMatchObject({ sent: 1, limited: 0 });
    expect(other.row).toMatchObject({ status: "sent", lastError: null });

    // The window is a day from the mailbox's first email: after it, the next one goes.
    const nextDay = await declinedAndSent("korban@gmail.com", s, new Date(t0 + DAY + 1));
    expect(nextDay.report).toMatchObject({ sent: 1, limited: 0 });
    expect(smtp.accepted).toHaveLength(7);
  });

  it("a staff resend goes out past the cap, is recorded as a resend, and counts for nothing", async () => {
    const smtp = fakeTransport();
    const s = settings(smtp.transport);
    const t0 = Date.now() + 60_000; // every sender run below is after the row it should find was queued
    const runs = [];
    for (let i = 0; i < 6; i++)
      runs.push(await declinedAndSent("korban@example.com", s, new Date(t0 + i * 1_000)));
    const limited = runs[5]!;
    expect(limited.row).toMatchObject({ status: "failed", lastError: RECIPIENT_LIMITED });

    // The back office's Resend (lib/admin/emails.ts): a new row with resend_of, sent although the cap is reached.
    const { resendEmail, orderEmails, unsentEmailCount } = await import("@/lib/admin/emails");
    expect(
      await resendEmail(
        limited.f.orderId,
        limited.row.id,
        {
          staff: { id: 1, email: "owner@shop.example", name: "Owner", role: "owner" as const },
          clientAddress: null,
        },
        new Date(t0 + 10_000),
      ),
    ).toBe(true);
    expect(await send(s, new Date(t0 + 10_000))).toMatchObject({ sent: 1, limited: 0 });
    const rows = await outbox(limited.f);
    expect(rows.map((r) => [r.kind, r.status, r.resendOf, r.lastError])).toEqual([
      ["payment_failed", "failed", null, RECIPIENT_LIMITED],
      ["payment_failed", "sent", limited.row.id, null],
    ]);
    expect(smtp.accepted.at(-1)).toMatchObject({
      to: "korban@example.com",
      messageId: `<outbox-${rows[1]!.id}@localhost>`,
    });

    // The back office tells the kept-back row apart, and does not count it among the unsent.
    const listed = await orderEmails(limited.f.orderId);
    expect(listed.map((r) => [r.status, r.limited])).toEqual([
      ["failed", true],
      ["sent", false],
    ]);
    expect(await unsentEmailCount()).toBe(0);

    // The resend took no place of the day's five: the next declined payment is still kept back.
    expect(
      (await declinedAndSent("korban@example.com", s, new Date(t0 + 20_000))).report,
    ).toMatchObject({ sent: 0, limited: 1 });
    expect(smtp.accepted).toHaveLength(6);
  });

  it("a paid order's confirmation goes out past the cap (money moved), and is counted", async () => {
    const smtp = fakeTransport();
    const s = settings(smtp.transport, { recipientDailyLimit: 2 });
    const t0 = Date.now() + 60_000; // every sender run below is after the row it should find was queued
    const paid = await orderFor("korban@example.com");
    await deliver(paid, "SUCCESS");
    expect(await send(s, new Date(t0))).toMatchObject({ sent: 1 });
    expect(
      (await declinedAndSent("korban@example.com", s, new Date(t0 + 1_000))).report,
    ).toMatchObject({ sent: 1 });
    expect(
      (await declinedAndSent("korban@example.com", s, new Date(t0 + 2_000))).report,
    ).toMatchObject({ limited: 1 });
    const late = await orderFor("korban@example.com");
    await deliver(late, "SUCCESS");
    expect(await send(s, new Date(t0 + 3_000))).toMatchObject({ sent: 1, limited: 0 });
    expect(smtp.accepted.map((m) => m.subject.includes("lunas"))).toEqual([true, false, true]);
  });

  it("two instances taking a mailbox's last place at the same moment: one gets it", async () => {
    const { takeRecipientSlot, recipientCounterKey } = await import("@/lib/mail/recipient-limit");
    const now = new Date();
    await db.run((d) =>
      d.insert(schema.rateLimits).values({
        key: recipientCounterKey("korban@example.com"),
        count: 4,
        windowStartedAt: now,
        lastAt: now,
      }),
    );
    const take = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], to: string) =>
      takeRecipientSlot(tx, to, "payment_failed", 5, now);
    let took!: () => void;
    const tookFirst = new Promise<void>((resolve) => (took = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first claim has counted the fifth email and not yet committed when the second one counts.
    const first = db.transaction(async (tx) => {
      const ok = await take(tx, "korban@example.com");
      took();
      await held;
      return ok;
    });
    await tookFirst;
    const second = db.transaction((tx) => take(tx, "Korban+2@example.com"));
    // However long the first holds on, the second waits for it and then reads its count.
    setTimeout(release, 100);
    expect(await Promise.all([first, second])).toEqual([true, false]);
  });

  it("holds for two senders at once: ten declined payments to one mailbox, five sent", async () => {
    const smtp = fakeTransport();
    const s = settings(smtp.transport);
    const orders = [];
    for (let i = 0; i < 10; i++) {
      const f = await orderFor(`korban+${i}@example.com`);
      await deliver(f, "FAILED");
      orders.push(f);
    }
    const now = new Date(Date.now() + 1_000);
    const reports = await Promise.all([send(s, now), send(s, now)]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(5);
    expect(reports.reduce((n, r) => n + r.limited, 0)).toBe(5);
    expect(smtp.accepted).toHaveLength(5);
    const rows = (await Promise.all(orders.map(outbox))).flat();
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(5);
    expect(
      rows.filter((r) => r.status === "failed" && r.lastError === RECIPIENT_LIMITED),
    ).toHaveLength(5);
  });
});

describe("through a real SMTP server (the sandbox's mailbox)", () => {
  let sandbox: Awaited<ReturnType<typeof startAppSandbox>>;
  let smtp: SenderSettings;
  beforeAll(async () => {
    sandbox = await startAppSandbox();
    const nodemailer = (await import("nodemailer")).default;
    // One connection per message and no pooling: each try is its own SMTP exchange.
    smtp = settings(nodemailer.createTransport(sandbox.smtpUrl), { maxTries: 5 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(() => sandbox.mailbox.clear());

  it("after the paid notification one confirmation arrives with the order link and total; a duplicate sends nothing more", async () => {
    const f = await createPendingOrder(db);
    const [order] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, f.orderId)),
    );
    await deliver(f, "SUCCESS");
    expect(await sendDueEmails(db, smtp)).toMatchObject({ sent: 1 });
    await deliver(f, "SUCCESS");
    expect(await sendDueEmails(db, smtp)).toMatchObject({ sent: 0 });

    const received = sandbox.mailbox.list();
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.envelope.to).toEqual(["siti@example.com"]);
    expect(mail!.subject).toContain(order!.publicToken.slice(0, 8).toUpperCase());
    expect(mail!.text).toContain(`http://localhost:3000/orders/${order!.publicToken}`);
    expect(mail!.html).toContain(`href="http://localhost:3000/orders/${order!.publicToken}"`);
    expect(mail!.text).toContain("Rp 440.000");
    expect(mail!.messageId).toBe((await outbox(f))[0]!.messageId);
  });

  it("a server that refuses twice, then accepts, gets the email once", async () => {
    const f = await createPendingOrder(db);
    await deliver(f, "SUCCESS");
    const res = await fetch(`${sandbox.url}/_sandbox/mailbox/refusals`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 2 }),
    });
    expect(res.status).toBe(200);

    let at = Date.now();
    const reports = [];
    for (let i = 0; i < 4; i++) {
      reports.push(await sendDueEmails(db, smtp, new Date(at)));
      at += 60 * 60_000;
    }
    expect(reports.map((r) => [r.sent, r.retrying])).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 0],
    ]);
    expect(sandbox.mailbox.list()).toHaveLength(1);
    const [row] = await outbox(f);
    expect(row).toMatchObject({ status: "sent", tries: 3 });
    const attempts = await tries(row!.id);
    expect(attempts.map((t) => t.ok)).toEqual([false, false, true]);
    expect(attempts[0]!.response).toContain("refusing on purpose");
  });
});
