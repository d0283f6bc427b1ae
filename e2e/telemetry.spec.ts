// One whole purchase on an app instance of its own with tracing on (OTLP/HTTP JSON to a receiver
// inside this test) and metrics on: the spans form the trees docs/operations.md describes, and
// /api/metrics shows what the production server counted.
//   checkout:     Next's request span → checkout.place_order → doku.generate-order
//   notification: Next's request span → doku.notification → payment.transition
//   email:        email.send, a trace of its own (the outbox is sent on a timer, maybe by another
//                 instance), linked to the payment.transition whose transaction queued it.
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { webhookPosts } from "./support/alerts";
import { E2E } from "./support/env";
import { startOtlpReceiver, type ReceivedSpan } from "./support/otlp-receiver";
import { mailTo, sandbox } from "./support/sandbox";
import { startOwnApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, shopper, tokenFromUrl } from "./support/shop";

const METRICS_TOKEN = "9c1f4e7a2b8d6053e1a9c7f4b2d8e60a";
/** The webhook's path is its password (a Slack or Discord URL): it must never reach a trace. */
const WEBHOOK_CHANNEL = "t0toko-b0alert-s3cretpath-telemetry";

test.beforeEach(async () => {
  await sandbox.reset();
});

/** The span and its ancestors, nearest first, as far as the receiver has them. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const chain = [span];
  for (let at = span; at.parentSpanId;) {
    const parent = spans.find((s) => s.traceId === at.traceId && s.spanId === at.parentSpanId);
    if (!parent) break;
    chain.push(parent);
    at = parent;
  }
  return chain;
}

/** The tree of one trace, indented, for the test's output and the report. */
function drawTrace(spans: ReceivedSpan[], traceId: string): string {
  const inTrace = spans.filter((s) => s.traceId === traceId);
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const s of inTrace.filter((x) => x.parentSpanId === parent)) {
      lines.push(`${"  ".repeat(depth)}${s.name}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk("", 0);
  return lines.join("\n");
}

test("the spans of one purchase reach an OTLP collector as one tree per request, and the metrics count it", async ({
  page,
}) => {
  const receiver = await startOtlpReceiver();
  const app = await startOwnApp({
    RECONCILE_INTERVAL_MS: "0",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_SERVICE_NAME: "toko-e2e",
    // Exported within a fifth of a second rather than five, so the test does not wait.
    OTEL_BSP_SCHEDULE_DELAY: "200",
    METRICS_TOKEN,
    ALERT_WEBHOOK_URL: `${E2E.sandboxUrl}/webhooks/${WEBHOOK_CHANNEL}`,
  });
  try {
    await addToCart(page, "Batik Tulis Parang Shirt", 1, app.base);
    await checkoutToKredivo(page, app.base);
    const attempt = app.db.latestAttempt();
    await page.getByRole("button", { name: "Approve payment" }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{32}$/);
    expect(app.db.order(tokenFromUrl(page.url()))!.status).toBe("paid");
    await mailTo(shopper.email);

    const spans = receiver.spans;
    const named = (name: string, attributes: Record<string, unknown> = {}) =>
      spans.find(
        (s) =>
          s.name === name && Object.entries(attributes).every(([k, v]) => s.attributes[k] === v),
      );
    await expect
      .poll(() =>
        [
          named("checkout.place_order"),
          named("doku.generate-order"),
          named("doku.notification", { "payment.invoice": attempt.invoice_number }),
          named("payment.transition", { "payment.to": "paid" }),
          named("email.send", { "email.kind": "order_confirmation" }),
        ].every(Boolean),
      )
      .toBe(true);
    console.log(
      [
        "checkout trace:",
        drawTrace(spans, named("checkout.place_order")!.traceId),
        "notification trace:",
        drawTrace(spans, named("doku.notification")!.traceId),
        "email trace (linked to payment.transition):",
        drawTrace(spans, named("email.send")!.traceId),
      ].join("\n"),
    );
    expect(receiver.refused).toEqual([]);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["toko-e2e"]));

    // Checkout: the DOKU call is a child of the placement, under Next's span for the request.
    const place = named("checkout.place_order")!;
    const generate = named("doku.generate-order")!;
    expect(generate.traceId).toBe(place.traceId);
    expect(generate.parentSpanId).toBe(place.spanId);
    expect(place.attributes).toMatchObject({ "checkout.result": "redirect" });
    expect(generate.attributes).toMatchObject({
      "doku.endpoint": "generate-order",
      "http.response.status_code": 200,
      "doku.signature": "valid",
      "doku.result": "ok",
    });
    expect(generate.attributes["doku.duration_ms"]).toEqual(expect.any(Number));
    const checkoutRoot = ancestry(spans, place).at(-1)!;
    expect(checkoutRoot.parentSpanId).toBe("");
    expect(checkoutRoot.name).not.toBe(place.name);
    // Next's request span (before the language rewrite), then its span for the rewritten route.
    expect(checkoutRoot.attributes).toMatchObject({
      "http.method": "POST",
      "http.target": "/checkout",
    });
    const route = ancestry(spans, place)[1]!;
    expect(route.name).toBe("POST /[locale]/checkout");
    expect(route.attributes).toMatchObject({ "http.route": "/[locale]/checkout" });

    // Notification: verdict, outcome and invoice on its span; the transition inside it.
    const notification = named("doku.notification", {
      "payment.invoice": attempt.invoice_number,
    })!;
    expect(notification.attributes).toMatchObject({
      "notification.verdict": "verified",
      "notification.outcome": "paid",
      "http.response.status_code": 200,
      "doku.status": "SUCCESS",
    });
    expect(notification.traceId).not.toBe(place.traceId);
    const transition = named("payment.transition", { "payment.to": "paid" })!;
    expect(transition.traceId).toBe(notification.traceId);
    expect(ancestry(spans, transition).map((s) => s.spanId)).toContain(notification.spanId);
    expect(transition.attributes).toMatchObject({
      "payment.result": "applied",
      "order.change": "changed",
      "payment.attempt_id": attempt.id,
    });
    const notificationRoot = ancestry(spans, notification).at(-1)!;
    expect(notificationRoot.parentSpanId).toBe("");
    expect(notificationRoot.name).toBe("POST /api/doku/notifications");

    // The email: its own trace, linked to the transition that queued it.
    const email = named("email.send", { "email.kind": "order_confirmation" })!;
    expect(email.parentSpanId).toBe("");
    expect(email.traceId).not.toBe(notification.traceId);
    expect(email.links).toEqual([{ traceId: transition.traceId, spanId: transition.spanId }]);
    expect(email.attributes).toMatchObject({ "email.result": "sent" });

    // What a trace never holds: the order's access token (in its page's path, its return URL's),
    // and the alert webhook's URL, although an alert was posted to it with tracing on.
    const token = tokenFromUrl(page.url());
    const queued = new Database(app.databaseUrl);
    try {
      const now = Date.now();
      queued
        .prepare(
          "INSERT INTO alerts (kind, dedupe_key, summary, details, state, next_try_at, created_at) VALUES ('doku_failing', 'telemetry-spec', 'DOKU failed 3 calls in a row (telemetry spec)', '{}', 'queued', ?, ?)",
        )
        .run(now, now);
    } finally {
      queued.close();
    }
    await expect
      .poll(async () => (await webhookPosts()).filter((p) => p.channel === WEBHOOK_CHANNEL).length)
      .toBe(1);
    // One export after the post (the batch delay is 200 ms): a request of its own, traced.
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);
    await expect
      .poll(() => spans.some((s) => s.attributes["http.target"] === "/api/health"))
      .toBe(true);
    const everything = receiver.raw.join("\n");
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(WEBHOOK_CHANNEL);
    const orderPage = spans.find((s) => s.attributes["http.target"] === "/orders/:token");
    expect(orderPage, "the order page's request span, its token replaced").toBeTruthy();
    expect(spans.some((s) => String(s.attributes["http.target"] ?? "").includes("?"))).toBe(false);

    // Metrics: the counters the production server moved, the mailer's (started by
    // instrumentation.ts) in the same registry as the route's.
    const unauthorised = await fetch(`${app.base}/api/metrics`);
    expect(unauthorised.status).toBe(401);
    const scraped = await fetch(`${app.base}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    for (const line of [
      "shop_orders_placed_total 1",
      'shop_payments_total{outcome="paid"} 1',
      'shop_notifications_total{verdict="verified",outcome="paid"} 1',
      'shop_doku_requests_total{endpoint="generate-order",status="200"} 1',
      'shop_emails_total{kind="order_confirmation",status="sent"} 1',
      "shop_email_backlog 0",
      "shop_metrics_database_up 1",
    ]) {
      expect(text.split("\n"), line).toContain(line);
    }
  } finally {
    await app.close();
    await receiver.close();
  }
});
