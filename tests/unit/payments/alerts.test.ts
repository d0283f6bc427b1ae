// Alerts (lib/alerts/) on a real database, SQLite and PostgreSQL: each cause is one row, written
// in the transaction of what caused it; one alert per kind per 15 minutes is sent and the rest
// are counted ("+N more"), however many instances raise them at once; two senders post each row
// once; a refusing receiver gets retries with a doubling wait, then the row is given up; and the
// body is one that Slack, Discord and a generic receiver all read.
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { createPendingOrder } from "../../support/pending-order";
import { startReceiver } from "../../support/receiver";
import { signedNotification } from "../../support/signed-notification";

setTestEnv({ DOKU_TIMEOUT_MS: "2000", ALERT_DOKU_FAILURES: "3" });
const sandbox = await startAppSandbox();
const { control } = sandbox;

const schema = await import("@/lib/db/schema");
const { raiseAlert, queueDigests, ALERT_WINDOW_MS } = await import("@/lib/alerts/raise");
const { sendDueAlerts, alertRetryDelayMs, ALERT_LEASE_MS } = await import("@/lib/alerts/sender");
const { alertBody } = await import("@/lib/alerts/webhook-body");
const { checkOverduePayments, checkReconciler, reconcilerOverdue } =
  await import("@/lib/alerts/checks");
const { alertPass } = await import("@/lib/alerts/loop");
const { recordReconcileRun } = await import("@/lib/payments/reconcile-runs");
const { receiveNotification } = await import("@/lib/payments/notifications");
const { checkAttemptStatus } = await import("@/lib/payments/check-status");
const { sendDueEmails } = await import("@/lib/mail/sender");
const { pruneNoise, ALERT_RETENTION_MS } = await import("@/lib/payments/prune-noise");
type NewAlert = import("@/lib/alerts/raise").NewAlert;
type AlertSenderSettings = import("@/lib/alerts/sender").AlertSenderSettings;
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());
// Each test starts with no alert, no open window, no DOKU streak and no email to send.
afterEach(async () => {
  await control("reset");
  await db.run(async (d) => {
    await d.delete(schema.alerts);
    await d.delete(schema.emailDeliveries);
    await d.delete(schema.emailOutbox);
    await d.delete(schema.rateLimits);
    await d.delete(schema.reconcilerRuns);
  });
});

const allAlerts = () =>
  db.run((d) => d.select().from(schema.alerts).orderBy(asc(schema.alerts.id)));
const raise = (alert: NewAlert, now: Date) => db.transaction((tx) => raiseAlert(tx, alert, now));
const alertOf = (n: number, kind: NewAlert["kind"] = "email_given_up"): NewAlert => ({
  kind,
  dedupeKey: `test:${kind}:${n}`,
  summary: `test alert ${n}`,
  details: { n },
});
const T0 = new Date("2026-12-07T02:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function withReceiver(answer: () => number = () => 204) {
  const receiver = await startReceiver(answer);
  const settings: AlertSenderSettings = {
    webhookUrl: `${receiver.url}/hook`,
    shopBaseUrl: "https://toko.example",
    retryBaseMs: 1_000,
    maxTries: 3,
  };
  return { receiver, settings };
}

describe("an alert is a row written with its cause", () => {
  it("a notification for another amount is flagged and raises one alert, however often it comes", async () => {
    const f = await createPendingOrder(db);
    const n = signedNotification(f, "SUCCESS", { amount: f.amount - 1 });
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    const rows = await allAlerts();
    expect(rows.map((r) => [r.kind, r.state, r.details.order])).toEqual([
      ["flagged_for_review", "queued", f.orderId],
    ]);
    expect(rows[0]!.summary).toContain(`order #${f.orderId}`);
    expect(rows[0]!.details.outcome).toMatch(/^flagged:amount_mismatch/);
  });

  it("a paid notification, flagged nowhere, raises nothing", async () => {
    const f = await createPendingOrder(db);
    const n = signedNotification(f, "SUCCESS");
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    expect(await allAlerts()).toEqual([]);
  });

  it("the same cause raised twice is one row", async () => {
    expect(await raise(alertOf(1), T0)).toMatchObject({ state: "queued" });
    expect(await raise(alertOf(1), at(1000))).toBeNull();
    expect(await allAlerts()).toHaveLength(1);
  });

  it("an email given up raises an alert with its order and last error @faults", async () => {
    const f = await createPendingOrder(db);
    const n = signedNotification(f, "SUCCESS");
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    const refusing = {
      sendMail: async () => {
        throw new Error("451 mailbox busy");
      },
    };
    const report = await sendDueEmails(db, {
      transport: refusing,
      from: "Toko <pesanan@toko.example>",
      baseUrl: "http://localhost:3000",
      zone: "Asia/Jakarta",
      retryBaseMs: 1_000,
      maxTries: 1,
      recipientDailyLimit: 5,
      tokenSecret: "test-token-secret-0123456789abcdef",
    });
    expect(report.failed).toBe(1);
    const rows = await allAlerts();
    expect(rows.map((r) => [r.kind, r.details.order, r.details.lastError])).toEqual([
      ["email_given_up", f.orderId, "451 mailbox busy"],
    ]);
  });

  const givenUp = (f: { orderId: number }, transport: { sendMail: () => Promise<never> }) =>
    sendDueEmails(db, {
      transport,
      from: "Toko <pesanan@toko.example>",
      baseUrl: "http://localhost:3000",
      zone: "Asia/Jakarta",
      retryBaseMs: 1_000,
      maxTries: 1,
      recipientDailyLimit: 5,
      tokenSecret: "test-token-secret-0123456789abcdef",
    });
  const outboxOf = (orderId: number) =>
    db.run((d) =>
      d.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.orderId, orderId)),
    );

  it("the shopper's address in SMTP's error stays on the outbox row, never in the alert", async () => {
    const f = await createPendingOrder(db);
    const n = signedNotification(f, "SUCCESS");
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    const [email] = await outboxOf(f.orderId);
    const error = `550 5.1.1 <${email!.recipient}>: Recipient address rejected (also cc: Budi.S+x@mail.co.id)`;
    await givenUp(f, {
      sendMail: async () => {
        throw new Error(error);
      },
    });
    const [alert] = await allAlerts();
    expect(alert!.details.lastError).toBe(
      "550 5.1.1 <recipient>: Recipient address rejected (also cc: <recipient>)",
    );
    expect(JSON.stringify(alert)).not.toContain("@");
    expect((await outboxOf(f.orderId))[0]!.lastError).toBe(error);
  });

  it("a sender that lost its lease mid-send gives nothing up and raises nothing", async () => {
    const f = await createPendingOrder(db);
    const n = signedNotification(f, "SUCCESS");
    await receiveNotification(n.body, n.headers, { url: TEST_DOKU.notificationPath });
    // While SMTP is slow, another sender takes the row over (its own lease).
    const takenOver = new Date(Date.now() + 10 * 60_000);
    const report = await givenUp(f, {
      sendMail: async () => {
        await db.run((d) =>
          d
            .update(schema.emailOutbox)
            .set({ leaseUntil: takenOver })
            .where(eq(schema.emailOutbox.orderId, f.orderId)),
        );
        throw new Error("451 mailbox busy");
      },
    });
    expect(report.failed).toBe(1);
    expect(await allAlerts()).toEqual([]);
    expect((await outboxOf(f.orderId))[0]).toMatchObject({
      status: "sending",
      leaseUntil: takenOver,
    });
  });
});

describe("@faults DOKU failing calls in a row", () => {
  it("alerts at the third failed Check Status in a row, and a good answer ends the streak", async () => {
    const f = await createPendingOrder(db);
    await control("faults", {
      target: "check-status",
      kind: "error500",
      times: 5,
      invoice: f.invoice,
    });
    const check = () => checkAttemptStatus(f.attemptId, { minIntervalMs: 0 });
    await check();
    await check();
    expect(await allAlerts()).toEqual([]);
    await check();
    const [alert] = await allAlerts();
    expect(alert).toMatchObject({ kind: "doku_failing", state: "queued" });
    expect(alert!.summary).toBe("DOKU failed 3 calls in a row (last: HTTP 500)");

    // Two more failures and then DOKU answers (404: it does not know this invoice): no new alert,
    // and the streak starts again from zero.
    await check();
    await check();
    await check();
    const [counter] = await db.run((d) =>
      d
        .select()
        .from(schema.rateLimits)
        .where(eq(schema.rateLimits.key, "alert:doku:consecutive_failures")),
    );
    expect(counter!.count).toBe(0);
    expect(await allAlerts()).toHaveLength(1);
  });
});

describe("one alert per kind per 15 minutes", () => {
  it("sends the first, counts the rest, and the next one sent says how many", async () => {
    expect(await raise(alertOf(1), T0)).toMatchObject({ state: "queued", coalesced: 0 });
    expect(await raise(alertOf(2), at(60_000))).toMatchObject({ state: "suppressed" });
    expect(await raise(alertOf(3), at(ALERT_WINDOW_MS - 1))).toMatchObject({
      state: "suppressed",
    });
    // Another kind has its own window.
    expect(await raise(alertOf(4, "payment_overdue"), at(60_000))).toMatchObject({
      state: "queued",
    });
    expect(await raise(alertOf(5), at(ALERT_WINDOW_MS + 1))).toMatchObject({
      state: "queued",
      coalesced: 2,
    });
    const rows = await allAlerts();
    expect(rows.map((r) => [r.details.n, r.state, r.coalesced])).toEqual([
      [1, "queued", 0],
      [2, "suppressed", 0],
      [3, "suppressed", 0],
      [4, "queued", 0],
      [5, "queued", 2],
    ]);
    expect(alertBody(rows[4]!, "https://toko.example").text).toContain(
      "(+2 more of this kind not sent)",
    );
  });

  it("ten instances raising at once: exactly one is sent @faults", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => raise(alertOf(i), at(i))),
    );
    expect(results.filter((r) => r?.state === "queued")).toHaveLength(1);
    expect(results.filter((r) => r?.state === "suppressed")).toHaveLength(9);
    // The next one after the window carries all nine.
    expect(await raise(alertOf(10), at(ALERT_WINDOW_MS + 100))).toMatchObject({
      state: "queued",
      coalesced: 9,
    });
  });

  it("@faults when no later alert comes, the loop's digest carries the unsent ones, once across instances", async () => {
    await raise(alertOf(1), T0);
    await raise(alertOf(2), at(60_000));
    await raise(alertOf(3), at(120_000));
    // A kind whose window holds only its sent alert has nothing to carry.
    await raise(alertOf(4, "payment_overdue"), T0);
    expect(await queueDigests(db, at(ALERT_WINDOW_MS - 1))).toBe(0);
    const ended = at(ALERT_WINDOW_MS + 1);
    const queued = await Promise.all(Array.from({ length: 5 }, () => queueDigests(db, ended)));
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    const digests = (await allAlerts()).filter((r) => r.dedupeKey.startsWith("digest:"));
    expect(digests.map((r) => [r.kind, r.state, r.details.notSent, r.details.since])).toEqual([
      ["email_given_up", "queued", 2, T0.toISOString()],
    ]);
    expect(digests[0]!.summary).toMatch(/^2 more email_given_up alerts since 2026-12-07T02:00/);
    // The digest is its window's sent alert: the next one is counted, and carried in turn.
    expect(await raise(alertOf(5), at(ALERT_WINDOW_MS + 2))).toMatchObject({ state: "suppressed" });
    expect(await queueDigests(db, at(2 * ALERT_WINDOW_MS))).toBe(0);
    expect(await queueDigests(db, at(2 * ALERT_WINDOW_MS + 2))).toBe(1);
    expect(await queueDigests(db, at(3 * ALERT_WINDOW_MS + 2))).toBe(0);
  });

  it("alerts carried by the next one are not carried again by a digest", async () => {
    await raise(alertOf(1), T0);
    await raise(alertOf(2), at(60_000));
    expect(await raise(alertOf(3), at(ALERT_WINDOW_MS + 1))).toMatchObject({ coalesced: 1 });
    expect(await queueDigests(db, at(3 * ALERT_WINDOW_MS))).toBe(0);
    expect(await allAlerts()).toHaveLength(3);
  });
});

describe("the sender", () => {
  it("two senders at once post each alert once @faults", async () => {
    const { receiver, settings } = await withReceiver();
    try {
      for (const kind of ["flagged_for_review", "doku_failing", "payment_overdue"] as const)
        await raise(alertOf(1, kind), T0);
      const reports = await Promise.all([
        sendDueAlerts(db, settings, at(1)),
        sendDueAlerts(db, settings, at(1)),
      ]);
      expect(reports[0]!.sent + reports[1]!.sent).toBe(3);
      const ids = receiver.received.map((r) => JSON.parse(r.rawBody).id).sort();
      const rows = await allAlerts();
      expect(ids).toEqual(rows.map((r) => r.id).sort());
      expect(rows.every((r) => r.state === "sent" && r.tries === 1)).toBe(true);
      expect(await sendDueAlerts(db, settings, at(2))).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
    } finally {
      await receiver.close();
    }
  });

  it("@faults a refusing receiver gets retries with a doubling wait, then the alert is given up", async () => {
    const { receiver, settings } = await withReceiver(() => 500);
    try {
      await raise(alertOf(1), T0);
      expect(await sendDueAlerts(db, settings, T0)).toMatchObject({ retrying: 1 });
      expect((await allAlerts())[0]).toMatchObject({
        state: "queued",
        tries: 1,
        nextTryAt: at(1_000),
      });
      expect(await sendDueAlerts(db, settings, at(999))).toMatchObject({ retrying: 0 });
      expect(receiver.received).toHaveLength(1);
      expect(await sendDueAlerts(db, settings, at(1_000))).toMatchObject({ retrying: 1 });
      expect((await allAlerts())[0]!.nextTryAt).toEqual(at(1_000 + alertRetryDelayMs(2, 1_000)));
      expect(alertRetryDelayMs(2, 1_000)).toBe(2_000);
      expect(await sendDueAlerts(db, settings, at(3_000))).toMatchObject({ failed: 1 });
      const [row] = await allAlerts();
      expect(row).toMatchObject({ state: "failed", tries: 3, sentAt: null });
      expect(row!.lastError).toMatch(/^http_500/);
      expect(receiver.received).toHaveLength(3);
      expect(await sendDueAlerts(db, settings, at(3_600_000))).toMatchObject({ failed: 0 });
    } finally {
      await receiver.close();
    }
  });

  it("@faults a slow receiver: a second sender does not post again what the first claimed late in its pass", async () => {
    // The clock moves 2 minutes per post: the second claim's lease must run from then, not from T0.
    let clock = T0;
    const posts: number[] = [];
    const second: Promise<unknown>[] = [];
    const { receiver, settings } = await withReceiver();
    try {
      const slow: AlertSenderSettings = {
        ...settings,
        fetch: async (url, init) => {
          posts.push(JSON.parse(String(init!.body)).id);
          if (posts.length === 1) clock = new Date(clock.getTime() + 2 * ALERT_LEASE_MS);
          // Another instance's pass, while the first is posting its second alert.
          if (posts.length === 2) second.push(sendDueAlerts(db, settings, () => clock));
          return fetch(url, init);
        },
      };
      await raise(alertOf(1, "flagged_for_review"), T0);
      await raise(alertOf(2, "doku_failing"), T0);
      expect(await sendDueAlerts(db, slow, () => clock)).toMatchObject({ sent: 2 });
      await Promise.all(second);
      expect(posts).toHaveLength(2);
      expect(receiver.received).toHaveLength(2);
      const rows = await allAlerts();
      expect(rows.map((r) => [r.state, r.tries, r.sentAt])).toEqual([
        ["sent", 1, clock],
        ["sent", 1, clock],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("a receiver that refuses once gets the alert on the next try", async () => {
    let calls = 0;
    const { receiver, settings } = await withReceiver(() => (++calls === 1 ? 503 : 200));
    try {
      await raise(alertOf(1), T0);
      await sendDueAlerts(db, settings, T0);
      await sendDueAlerts(db, settings, at(1_000));
      expect((await allAlerts())[0]).toMatchObject({ state: "sent", tries: 2, lastError: null });
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it("without ALERT_WEBHOOK_URL the loop records alerts and sends none", async () => {
    // The reconciler never ran here: the loop's own check notices, and nothing is posted.
    await alertPass(new Date(Date.now() - 10 * 60_000));
    const rows = await allAlerts();
    expect(rows.map((r) => [r.kind, r.state])).toEqual([["reconciler_stalled", "queued"]]);
  });
});

describe("what the loop checks itself", () => {
  it("a payment still open 15 minutes past its expiry: one alert, once @faults", async () => {
    const f = await createPendingOrder(db);
    const expiresAt = new Date(Date.now() - 16 * 60_000);
    await db.run((d) =>
      d
        .update(schema.paymentAttempts)
        .set({ expiresAt })
        .where(eq(schema.paymentAttempts.id, f.attemptId)),
    );
    const settings = { expiryMinutes: 30, graceMs: 15 * 60_000 };
    expect(
      await checkOverduePayments(db, settings, new Date(expiresAt.getTime() + 14 * 60_000)),
    ).toBe(0);
    expect(await checkOverduePayments(db, settings)).toBe(1);
    expect(await checkOverduePayments(db, settings)).toBe(0);
    const rows = await allAlerts();
    expect(rows.map((r) => [r.kind, r.details.invoice])).toEqual([["payment_overdue", f.invoice]]);
  });

  it("the reconciler is stalled after 3 intervals, later while it backs off", () => {
    const watch = { intervalMs: 30_000, watchingSince: T0 };
    expect(reconcilerOverdue(null, watch, at(90_000))).toBe(false);
    expect(reconcilerOverdue(null, watch, at(90_001))).toBe(true);
    const run = { lastRunAt: at(100_000), nextRunAt: at(130_000) };
    expect(reconcilerOverdue(run, watch, at(190_000))).toBe(false);
    expect(reconcilerOverdue(run, watch, at(190_001))).toBe(true);
    // Backing off from a failing DOKU: its next pass is planned 10 minutes out.
    const backingOff = { lastRunAt: at(100_000), nextRunAt: at(700_000) };
    expect(reconcilerOverdue(backingOff, watch, at(700_000))).toBe(false);
    expect(reconcilerOverdue(backingOff, watch, at(760_001))).toBe(true);
    expect(reconcilerOverdue(null, { ...watch, intervalMs: 0 }, at(1e9))).toBe(false);
  });

  it("a recorded run keeps the check quiet; a stall raises one alert per stall @faults", async () => {
    const watch = { intervalMs: 30_000, watchingSince: T0 };
    await recordReconcileRun({
      startedAt: at(99_000),
      finishedAt: at(100_000),
      result: { ok: true, report: { checked: 0, changed: [], dokuErrors: 0 } },
      nextInMs: 30_000,
    });
    expect(await checkReconciler(db, watch, at(150_000))).toBe(false);
    expect(await checkReconciler(db, watch, at(200_000))).toBe(true);
    expect(await checkReconciler(db, watch, at(260_000))).toBe(true);
    const rows = await allAlerts();
    expect(rows.map((r) => [r.kind, r.dedupeKey])).toEqual([
      ["reconciler_stalled", `reconciler:${at(100_000).getTime()}`],
    ]);
  });
});

describe("pruning", () => {
  it("drops sent, failed and counted alerts after 90 days, never a queued one", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - ALERT_RETENTION_MS - 60_000);
    await db.run((d) =>
      d.insert(schema.alerts).values(
        (["sent", "failed", "suppressed", "queued"] as const).map((state, n) => ({
          ...alertOf(n),
          state,
          nextTryAt: old,
          createdAt: old,
        })),
      ),
    );
    await raise(alertOf(9), now);
    expect((await pruneNoise(now)).alerts).toBe(3);
    expect((await allAlerts()).map((r) => [r.details.n, r.state])).toEqual([
      [3, "queued"],
      [9, "queued"],
    ]);
  });
});

describe("the body Slack, Discord and a generic receiver read", () => {
  const alert = {
    id: 7,
    kind: "flagged_for_review" as const,
    summary: "Payment event #42 (notification) flagged for review on order #9 <@everyone>",
    details: { event: 42, order: 9, outcome: "flagged:amount_mismatch(expected 1, got 2)" },
    coalesced: 0,
    createdAt: T0,
  };

  it("carries Slack's text, Discord's content and the structured fields", () => {
    const body = alertBody(alert, "https://toko.example");
    expect(Object.keys(body).sort()).toEqual(
      [
        "allowed_mentions",
        "at",
        "content",
        "details",
        "id",
        "kind",
        "link",
        "more",
        "shop",
        "summary",
        "text",
      ].sort(),
    );
    expect(body).toMatchObject({
      kind: "flagged_for_review",
      summary: alert.summary,
      details: alert.details,
      shop: "https://toko.example",
      link: "https://toko.example/admin/alerts",
      at: "2026-12-07T02:00:00.000Z",
      more: 0,
      allowed_mentions: { parse: [] },
    });
    expect(body.content.split("\n")[0]).toBe(`[toko.example] ${alert.summary}`);
    expect(body.content).toContain("• outcome: flagged:amount_mismatch(expected 1, got 2)");
    // Slack reads <…> as links and mentions: ours are escaped; Discord mentions nobody.
    expect(body.text).toContain("&lt;@everyone&gt;");
    expect(body.text).not.toContain("<@everyone>");
  });

  it("keeps Discord's content within its 2,000 characters", () => {
    const body = alertBody({ ...alert, details: { lastError: "x".repeat(5000) } }, "https://t.ex");
    expect(body.content.length).toBe(2000);
    expect(body.text.length).toBeGreaterThan(2000);
  });
});
