import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { requestComponents, verifySignature } from "../lib/doku/signature";
import { startSandbox, type RunningSandbox } from "./server";
import {
  CLIENT_ID,
  header,
  pause,
  placeOrder,
  SECRET_KEY,
  startReceiver,
  submitKredivo,
  tokenOf,
  validOrder,
  waitUntil,
  type Receiver,
} from "./test-support";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(timeScale: number, path = "/api/doku/notifications") {
  const receiver = await startReceiver(path);
  const sandbox = await startSandbox({
    port: 0,
    clientId: CLIENT_ID,
    secretKey: SECRET_KEY,
    notificationUrl: receiver.url,
    timeScale,
  });
  cleanup.push(
    () => receiver.close(),
    () => sandbox.close(),
  );
  return { receiver, sandbox };
}

async function approveNew(sandbox: RunningSandbox, body: object = validOrder()) {
  const placed = await placeOrder(sandbox.url, body);
  expect(placed.status).toBe(200);
  const res = await submitKredivo(sandbox.url, "approve", { tk: tokenOf(placed.json.payment.url) });
  expect(res.status).toBe(303);
  return placed;
}

const signatureValid = (r: Receiver["received"][number], target: string) =>
  verifySignature(
    requestComponents({
      clientId: header(r, "client-id"),
      requestId: header(r, "request-id"),
      requestTimestamp: header(r, "request-timestamp"),
      requestTarget: target,
      body: r.body,
    }),
    header(r, "signature"),
    SECRET_KEY,
  );

describe("notifications: retry schedule", () => {
  it("500 once then 200 → exactly 2 attempts, identical bytes, 30 min (scaled) after the first", async () => {
    const { receiver, sandbox } = await setup(3600); // 30 min → 0.5 s
    receiver.answers.push(500);
    await approveNew(sandbox);
    const [first, second] = await receiver.waitFor(2, 3_000);
    await waitUntil(() => sandbox.state.deliveries.length === 2);
    await pause(300); // nothing further arrives
    expect(receiver.received).toHaveLength(2);

    for (const name of ["request-id", "request-timestamp", "signature", "client-id"]) {
      expect(header(second!, name)).toBe(header(first!, name));
    }
    expect(second!.body).toBe(first!.body);
    expect(signatureValid(second!, "/api/doku/notifications")).toBe(true);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(450);
    expect(second!.at - first!.at).toBeLessThan(3_000); // generous: the machine may be busy

    expect(sandbox.state.deliveries.map((d) => [d.attempt, d.httpStatus, d.acknowledged])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect(sandbox.state.deliveries[0]!.responseBody).toBe('{"received":false}');
    expect(sandbox.state.notifications[0]).toMatchObject({
      acknowledged: true,
      attempts: 2,
      nextAttemptAt: null,
    });
    expect(sandbox.state.pendingTimers).toBe(0);
  });

  it("never acknowledged → 4 attempts at +0, +30 min, +6 h, +12 h (scaled), then stops", async () => {
    const { receiver, sandbox } = await setup(36_000); // 50 ms, 600 ms, 1200 ms
    receiver.answers.push(500, 502, 503, 500, 500);
    await approveNew(sandbox);
    const received = await receiver.waitFor(4, 4_000);
    await waitUntil(() => sandbox.state.deliveries.length === 4);
    await pause(300); // nothing further arrives
    expect(receiver.received).toHaveLength(4);
    const offsets = received.map((r) => r.at - received[0]!.at);
    expect(offsets[1]).toBeGreaterThanOrEqual(40);
    expect(offsets[2]).toBeGreaterThanOrEqual(590);
    expect(offsets[3]).toBeGreaterThanOrEqual(1_190);
    expect(offsets[3]).toBeLessThan(3_000);
    expect(new Set(received.map((r) => header(r, "request-id"))).size).toBe(1);
    expect(sandbox.state.deliveries.map((d) => d.httpStatus)).toEqual([500, 502, 503, 500]);
    expect(sandbox.state.notifications[0]).toMatchObject({
      acknowledged: false,
      attempts: 4,
      nextAttemptAt: null,
    });
    expect(sandbox.state.pendingTimers).toBe(0);
  });

  it("a network error is logged and retried", async () => {
    // A port that refuses connections: bind then close.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const sandbox = await startSandbox({
      port: 0,
      clientId: CLIENT_ID,
      secretKey: SECRET_KEY,
      notificationUrl: `http://127.0.0.1:${port}/api/doku/notifications`,
      timeScale: 36_000,
    });
    cleanup.push(() => sandbox.close());
    await approveNew(sandbox);
    expect(sandbox.state.deliveries[0]).toMatchObject({
      attempt: 1,
      httpStatus: null,
      acknowledged: false,
    });
    expect(sandbox.state.deliveries[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);
    await waitUntil(() => sandbox.state.deliveries.length >= 2, 1_000);
  });

  it("reset stops pending retries", async () => {
    const { receiver, sandbox } = await setup(3600);
    receiver.answers.push(500, 500, 500, 500);
    await approveNew(sandbox);
    expect(sandbox.state.pendingTimers).toBe(1);
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" });
    expect(sandbox.state.pendingTimers).toBe(0);
    await pause(700);
    expect(receiver.received).toHaveLength(1);
    expect(sandbox.state.deliveries).toHaveLength(0);
  });
});

describe("notifications: where they go", () => {
  it("override_notification_url changes the host; the signature uses its (same) path", async () => {
    const { receiver: configured, sandbox } = await setup(1);
    const override = await startReceiver("/api/doku/notifications");
    cleanup.push(() => override.close());
    const overrideUrl = override.url; // another origin (port), same path
    expect(new URL(overrideUrl).origin).not.toBe(new URL(configured.url).origin);
    const body = { ...validOrder(), additional_info: { override_notification_url: overrideUrl } };
    const placed = await approveNew(sandbox, body);
    expect(placed.json).toMatchObject({
      additional_info: { override_notification_url: overrideUrl },
    });
    expect(configured.received).toHaveLength(0);
    expect(override.received).toHaveLength(1);
    expect(signatureValid(override.received[0]!, "/api/doku/notifications")).toBe(true);
    expect(sandbox.state.deliveries[0]!.url).toBe(overrideUrl);
  });

  it("the merchant's answer body is logged, cut at 2 kB", async () => {
    const { createServer: createHttp } = await import("node:http");
    const server = createHttp((_req, res) => res.writeHead(200).end("y".repeat(5_000)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanup.push(() => new Promise((r) => server.close(() => r())));
    const sandbox = await startSandbox({
      port: 0,
      clientId: CLIENT_ID,
      secretKey: SECRET_KEY,
      notificationUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/api/doku/notifications`,
    });
    cleanup.push(() => sandbox.close());
    await approveNew(sandbox);
    expect(sandbox.state.deliveries[0]!.responseBody).toHaveLength(2048);
  });
});
