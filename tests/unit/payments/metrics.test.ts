// GET /api/metrics on a real database (SQLite or PostgreSQL): only with the bearer token, the
// counters moving when the money path runs (a placed order, DOKU's answer, a verified or forged
// notification, a payment, an email), and the gauges read from the database at scrape time.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox, TEST_DOKU } from "../../support/app-db";
import { checkoutDetails } from "../../support/orders";
import { createPendingOrder } from "../../support/pending-order";
import { signedNotification } from "../../support/signed-notification";

const TOKEN = "5f0e8a1c3b7d49e2a6c4f8b0d2e1a3c5";
setTestEnv({ METRICS_TOKEN: TOKEN });
const sandbox = await startAppSandbox();

const { GET } = await import("@/app/api/metrics/route");
const { metrics } = await import("@/lib/observability/metrics");
const { updateDatabaseGauges } = await import("@/lib/observability/database-gauges");
const { recordReconcileRun, lastReconcileRun } = await import("@/lib/payments/reconcile-runs");
const { receiveNotification } = await import("@/lib/payments/notifications");
const { placeOrder } = await import("@/lib/checkout/place-order");
const { issueCheckoutKey } = await import("@/lib/checkout/checkout-key");
const { addToCart } = await import("@/lib/cart/cart");
const { sendDueEmails } = await import("@/lib/mail/sender");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});
afterAll(() => sandbox.close());

const scrape = (authorization?: string) =>
  GET(
    new Request("http://localhost/api/metrics", {
      headers: authorization ? { authorization } : {},
    }),
  );

/** The value of one series in the exposition text, 0 when it is not there yet. */
async function series(name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await scrape(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ? match[2].split(",") : []).sort();
    if (got.join(",") === wanted.join(",")) return Number(match[3]);
  }
  return 0;
}

describe("GET /api/metrics", () => {
  it("answers 401 without the right bearer token, and Prometheus text with it, never cached", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, TOKEN]) {
      const res = await scrape(authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(await res.text()).not.toContain("shop_");
    }
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    for (const name of [
      "shop_orders_placed_total",
      "shop_payments_total",
      "shop_signature_failures_total",
      "shop_payments_overdue",
      "shop_email_backlog",
      "shop_email_backlog_oldest_seconds",
      "shop_reconciler_last_run_timestamp_seconds",
      // prom-client's default process metrics, in the shop's own registry.
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ]) {
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    }
    expect(await series("shop_metrics_database_up")).toBe(1);
  });

  it("counts an order placed and its generate-order call", async () => {
    const placed = await series("shop_orders_placed_total");
    const calls = await series("shop_doku_requests_total", {
      endpoint: "generate-order",
      status: "200",
    });
    const [product] = await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.slug, "batik-kawung-tote")),
    );
    const cartId = await addToCart(null, product!.id, 1);
    expect((await placeOrder(checkoutDetails, cartId, issueCheckoutKey(cartId))).kind).toBe(
      "redirect",
    );
    expect(await series("shop_orders_placed_total")).toBe(placed + 1);
    expect(
      await series("shop_doku_requests_total", { endpoint: "generate-order", status: "200" }),
    ).toBe(calls + 1);
    expect(
      await series("shop_doku_request_duration_seconds_count", { endpoint: "generate-order" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("counts a verified notification, the payment it settles and its email; a forged one as a signature failure", async () => {
    const order = await createPendingOrder(db);
    const verified = { verdict: "verified", outcome: "paid" };
    const forged = { verdict: "signature", outcome: "rejected" };
    const before = {
      verified: await series("shop_notifications_total", verified),
      forged: await series("shop_notifications_total", forged),
      signature: await series("shop_signature_failures_total", { source: "notification" }),
      paid: await series("shop_payments_total", { outcome: "paid" }),
    };

    const bad = signedNotification(order, "SUCCESS", { secret: "SK-SOMEONE-ELSE-000000000000001" });
    expect((await receiveNotification(bad.body, bad.headers, meta)).status).toBe(401);
    expect(await series("shop_notifications_total", forged)).toBe(before.forged + 1);
    expect(await series("shop_signature_failures_total", { source: "notification" })).toBe(
      before.signature + 1,
    );
    expect(await series("shop_notifications_total", verified)).toBe(before.verified);
    expect(await series("shop_payments_total", { outcome: "paid" })).toBe(before.paid);

    const good = signedNotification(order, "SUCCESS");
    expect((await receiveNotification(good.body, good.headers, meta)).body.outcome).toBe("paid");
    expect(await series("shop_notifications_total", verified)).toBe(before.verified + 1);
    expect(await series("shop_payments_total", { outcome: "paid" })).toBe(before.paid + 1);
    expect(await series("shop_signature_failures_total", { source: "notification" })).toBe(
      before.signature + 1,
    );

    // The confirmation it queued, handed to a mail server that takes it.
    const sent = await series("shop_emails_total", { kind: "order_confirmation", status: "sent" });
    const report = await sendDueEmails(db, {
      transport: { sendMail: async () => ({ response: "250 OK" }) },
      from: "Toko <toko@example.com>",
      baseUrl: "http://localhost:3000",
      zone: "Asia/Jakarta",
      retryBaseMs: 1000,
      maxTries: 3,
      recipientDailyLimit: 100,
      tokenSecret: "test-token-secret-0123456789abcdef",
    });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(await series("shop_emails_total", { kind: "order_confirmation", status: "sent" })).toBe(
      sent + 1,
    );
  });

  it("reads overdue payments, the email backlog and the reconciler's last run from the database", async () => {
    const now = new Date();
    // Whatever earlier tests left is settled first, so the figures below are this test's.
    await db.run(async (d) => {
      await d
        .update(schema.paymentAttempts)
        .set({ status: "expired" })
        .where(eq(schema.paymentAttempts.status, "pending"));
      await d.update(schema.emailOutbox).set({ status: "sent" });
    });
    const m = metrics();
    await updateDatabaseGauges(m, now);
    expect(await value(m.overduePayments)).toBe(0);
    expect(await value(m.emailBacklog)).toBe(0);
    expect(await value(m.emailBacklogOldest)).toBe(0);

    const overdue = await createPendingOrder(db);
    const fresh = await createPendingOrder(db);
    await db.run(async (d) => {
      await d
        .update(schema.paymentAttempts)
        .set({ expiresAt: new Date(now.getTime() - 60_000) })
        .where(eq(schema.paymentAttempts.id, overdue.attemptId));
      await d
        .update(schema.paymentAttempts)
        .set({ expiresAt: new Date(now.getTime() + 60_000) })
        .where(eq(schema.paymentAttempts.id, fresh.attemptId));
      await d.insert(schema.emailOutbox).values(
        [90_000, 30_000].map((age) => ({
          orderId: overdue.orderId,
          kind: "payment_expired" as const,
          recipient: "siti@example.com",
          nextAttemptAt: now,
          createdAt: new Date(now.getTime() - age),
        })),
      );
    });
    const ranAt = new Date(now.getTime() - 45_000);
    await recordReconcileRun({
      startedAt: new Date(ranAt.getTime() - 500),
      finishedAt: ranAt,
      result: { ok: true, report: { checked: 2, changed: [], dokuErrors: 0 } },
    });
    const failedAt = new Date(now.getTime() - 5_000);
    await recordReconcileRun({
      startedAt: failedAt,
      finishedAt: failedAt,
      result: { ok: false, error: "database is locked" },
    });
    expect(await lastReconcileRun()).toMatchObject({
      lastFinishedAt: failedAt,
      lastOkAt: ranAt,
      lastError: "database is locked",
    });

    await updateDatabaseGauges(m, now);
    expect(await value(m.overduePayments)).toBe(1);
    expect(await value(m.emailBacklog)).toBe(2);
    expect(await value(m.emailBacklogOldest)).toBe(90);
    expect(await value(m.reconcilerLastRun)).toBe(failedAt.getTime() / 1000);
    expect(await value(m.reconcilerLastOk)).toBe(ranAt.getTime() / 1000);
    expect(await value(m.databaseUp)).toBe(1);
  });
});

const meta = { url: TEST_DOKU.notificationPath };

async function value(gauge: { get(): Promise<{ values: { value: number }[] }> }) {
  return (await gauge.get()).values[0]?.value;
}
