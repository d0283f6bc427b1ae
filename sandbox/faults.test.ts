import { describe, expect, it } from "vitest";
import { requestComponents, verifySignature } from "../lib/doku/signature";
import {
  checkStatus,
  GENERATE_ORDER,
  header,
  pause,
  placeOrder,
  responseSignatureValid,
  sandboxForFile,
  SECRET_KEY,
  signedRequest,
  submitKredivo,
  tokenOf,
  validOrder,
  waitUntil,
  type Receiver,
} from "./test-support";

// 30 min → 50 ms, so retry-driven faults finish quickly.
const env = sandboxForFile({ timeScale: 36_000, resetAfterEach: true });

async function fault(spec: object) {
  const res = await fetch(`${env.sandbox.url}/_sandbox/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(spec),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function approveNew() {
  const placed = await placeOrder(env.sandbox.url);
  const started = Date.now();
  const res = await submitKredivo(env.sandbox.url, "approve", {
    tk: tokenOf(placed.json.payment.url),
  });
  expect(res.status).toBe(303);
  return { placed, redirectedAfterMs: Date.now() - started };
}

const notificationSignatureValid = (r: Receiver["received"][number]) =>
  verifySignature(
    requestComponents({
      clientId: header(r, "client-id"),
      requestId: header(r, "request-id"),
      requestTimestamp: header(r, "request-timestamp"),
      requestTarget: new URL(env.receiver.url).pathname,
      body: r.body,
    }),
    header(r, "signature"),
    SECRET_KEY,
  );

describe("faults: generate-order", () => {
  it("error500 → signed 500 for `times` requests, no order kept, then normal", async () => {
    expect((await fault({ target: "generate-order", kind: "error500", times: 2 })).status).toBe(
      200,
    );
    for (let i = 0; i < 2; i += 1) {
      const failed = await placeOrder(env.sandbox.url);
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ error: { code: "internal_error", type: "api_error" } });
      expect(
        responseSignatureValid(failed.res, failed.text, {
          requestId: failed.requestId,
          path: GENERATE_ORDER,
        }),
      ).toBe(true);
    }
    expect(env.sandbox.state.orders.size).toBe(0);
    expect((await placeOrder(env.sandbox.url)).status).toBe(200);
    expect(
      ((await (await fetch(`${env.sandbox.url}/_sandbox/faults`)).json()) as { faults: unknown[] })
        .faults,
    ).toEqual([]);
  });

  it("timeout → holds the answer `ms`, then answers normally", async () => {
    await fault({ target: "generate-order", kind: "timeout", ms: 400 });
    const started = Date.now();
    const placed = await placeOrder(env.sandbox.url);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(placed.status).toBe(200);
    expect(
      responseSignatureValid(placed.res, placed.text, {
        requestId: placed.requestId,
        path: GENERATE_ORDER,
      }),
    ).toBe(true);
  });

  it("timeout → a client that gives up gets nothing, but the order exists and a replay returns it", async () => {
    await fault({ target: "generate-order", kind: "timeout", ms: 30_000 });
    const body = validOrder();
    const request = signedRequest(env.sandbox.url, {
      path: GENERATE_ORDER,
      body: JSON.stringify(body),
    });
    const requestId = request.headers.get("request-id") as string;
    const started = Date.now();
    await expect(fetch(request, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);

    const check = await checkStatus(env.sandbox.url, body.order.invoice_number);
    expect(check.json.transaction?.status).toBe("PENDING");
    const replay = await placeOrder(env.sandbox.url, body, { requestId });
    expect(replay.status).toBe(409);
    expect(replay.json).toMatchObject({ payment: { status: "PENDING" } });
  });

  it("failed-status → signed 200 with payment.status FAILED and no url; the invoice is spent", async () => {
    await fault({ target: "generate-order", kind: "failed-status" });
    const body = validOrder();
    const placed = await placeOrder(env.sandbox.url, body);
    expect(placed.status).toBe(200);
    expect(placed.json.payment).toEqual({ status: "FAILED" });
    expect(placed.json.order).toEqual({
      amount: 335_000,
      invoice_number: body.order.invoice_number,
    });
    expect(
      responseSignatureValid(placed.res, placed.text, {
        requestId: placed.requestId,
        path: GENERATE_ORDER,
      }),
    ).toBe(true);
    expect(
      (await checkStatus(env.sandbox.url, body.order.invoice_number)).json.transaction?.status,
    ).toBe("FAILED");
    expect((await placeOrder(env.sandbox.url, body)).json.error?.code).toBe(
      "duplicate_invoice_number",
    );
  });

  it("bad-signature → valid body, Signature that does not verify", async () => {
    await fault({ target: "generate-order", kind: "bad-signature" });
    const placed = await placeOrder(env.sandbox.url);
    expect(placed.status).toBe(200);
    expect(placed.json.payment.status).toBe("PENDING");
    expect(placed.res.headers.get("signature")).toMatch(/^HMACSHA256=/);
    expect(
      responseSignatureValid(placed.res, placed.text, {
        requestId: placed.requestId,
        path: GENERATE_ORDER,
      }),
    ).toBe(false);
  });
});

describe("faults: check-status", () => {
  it("error500, bad-signature and timeout each affect one call", async () => {
    const body = validOrder();
    await placeOrder(env.sandbox.url, body);
    const invoice = body.order.invoice_number;

    await fault({ target: "check-status", kind: "error500" });
    const failed = await checkStatus(env.sandbox.url, invoice);
    expect(failed.res.status).toBe(500);
    expect(responseSignatureValid(failed.res, failed.text, failed)).toBe(true);

    await fault({ target: "check-status", kind: "bad-signature" });
    const forged = await checkStatus(env.sandbox.url, invoice);
    expect(forged.res.status).toBe(200);
    expect(responseSignatureValid(forged.res, forged.text, forged)).toBe(false);

    await fault({ target: "check-status", kind: "timeout", ms: 300 });
    const started = Date.now();
    const slow = await checkStatus(env.sandbox.url, invoice);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(responseSignatureValid(slow.res, slow.text, slow)).toBe(true);

    const normal = await checkStatus(env.sandbox.url, invoice);
    expect(normal.res.status).toBe(200);
    expect(responseSignatureValid(normal.res, normal.text, normal)).toBe(true);
  });
});

describe("faults: check-status answers that do not fit the order", () => {
  it("wrong-amount, wrong-invoice and unrecognised-status each answer one call, signed, then the truth again", async () => {
    const body = validOrder();
    await placeOrder(env.sandbox.url, body);
    const invoice = body.order.invoice_number;

    await fault({ target: "check-status", kind: "wrong-amount", invoice });
    await fault({ target: "check-status", kind: "wrong-invoice", invoice });
    await fault({ target: "check-status", kind: "unrecognised-status", invoice });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await checkStatus(env.sandbox.url, invoice));

    expect(answers.map((a) => [a.res.status, responseSignatureValid(a.res, a.text, a)])).toEqual(
      Array(4).fill([200, true]),
    );
    expect(
      answers.map((a) => [
        a.json.order?.invoice_number,
        a.json.order?.amount,
        a.json.transaction?.status,
      ]),
    ).toEqual([
      [invoice, 335_001, "PENDING"],
      [`${invoice}-OTHER`, 335_000, "PENDING"],
      [invoice, 335_000, "ON_HOLD"],
      [invoice, 335_000, "PENDING"],
    ]);
    // Only the answer was wrong: the order the sandbox keeps is untouched.
    const kept = (await (await fetch(`${env.sandbox.url}/_sandbox/orders/${invoice}`)).json()) as {
      amount: number;
      status: string;
    };
    expect(kept).toMatchObject({ amount: 335_000, status: "PENDING" });
  });
});

describe("faults: check-status scoped to one invoice", () => {
  it("affects only status checks of that invoice", async () => {
    const mine = validOrder();
    const other = validOrder();
    await placeOrder(env.sandbox.url, mine);
    await placeOrder(env.sandbox.url, other);
    await fault({ target: "check-status", kind: "error500", invoice: mine.order.invoice_number });

    expect((await checkStatus(env.sandbox.url, other.order.invoice_number)).res.status).toBe(200);
    expect((await checkStatus(env.sandbox.url, mine.order.invoice_number)).res.status).toBe(500);
    expect((await checkStatus(env.sandbox.url, mine.order.invoice_number)).res.status).toBe(200);
  });
});

describe("faults: notifications", () => {
  it("duplicate → N identical copies, same Request-Id, sent concurrently", async () => {
    await fault({ target: "notification", kind: "duplicate", copies: 3 });
    await approveNew();
    const got = await env.receiver.waitFor(3);
    expect(new Set(got.map((r) => header(r, "request-id"))).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(new Set(got.map((r) => header(r, "signature"))).size).toBe(1);
    expect(got.every(notificationSignatureValid)).toBe(true);
    expect(Math.max(...got.map((r) => r.at)) - Math.min(...got.map((r) => r.at))).toBeLessThan(500);
    await waitUntil(() => env.sandbox.state.deliveries.length === 3);
    expect(env.sandbox.state.deliveries.map((d) => [d.attempt, d.copy, d.duplicate])).toEqual(
      expect.arrayContaining([
        [1, 1, false],
        [1, 2, true],
        [1, 3, true],
      ]),
    );
  });

  it("delay → the shopper is redirected at once; the notification follows `ms` later", async () => {
    await fault({ kind: "delay", ms: 1_000 }); // target implied
    const started = Date.now();
    const { redirectedAfterMs } = await approveNew();
    expect(redirectedAfterMs).toBeLessThan(1_000);
    expect(env.receiver.received).toHaveLength(0);
    const [n] = await env.receiver.waitFor(1, 3_000);
    expect(n!.at - started).toBeGreaterThanOrEqual(990);
    expect(JSON.parse(n!.body).transaction.status).toBe("SUCCESS");
  });

  it("drop → the first K attempts are not sent, the schedule continues", async () => {
    await fault({ target: "notification", kind: "drop", count: 1 });
    await approveNew();
    expect(env.receiver.received).toHaveLength(0);
    await env.receiver.waitFor(1, 2_000);
    await waitUntil(() => env.sandbox.state.deliveries.length === 2);
    expect(env.sandbox.state.deliveries.map((d) => [d.attempt, d.dropped, d.httpStatus])).toEqual([
      [1, true, null],
      [2, false, 200],
    ]);
  });

  it("drop with a large count → nothing ever arrives, every attempt logged as dropped", async () => {
    await fault({ target: "notification", kind: "drop", count: 100 });
    await approveNew();
    await pause(1_500); // +50 ms, +600 ms, +1200 ms at this time scale
    expect(env.receiver.received).toHaveLength(0);
    expect(env.sandbox.state.deliveries.map((d) => [d.attempt, d.dropped])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(env.sandbox.state.pendingTimers).toBe(0);
  });

  it("failed-then-success → FAILED first, then SUCCESS, each with its own Request-Id", async () => {
    await fault({ target: "notification", kind: "failed-then-success" });
    const { placed } = await approveNew();
    const [first, second] = await env.receiver.waitFor(2);
    expect(JSON.parse(first!.body).transaction.status).toBe("FAILED");
    expect(JSON.parse(second!.body).transaction.status).toBe("SUCCESS");
    expect(header(first!, "request-id")).not.toBe(header(second!, "request-id"));
    expect([first, second].every((r) => notificationSignatureValid(r!))).toBe(true);
    expect(
      (await checkStatus(env.sandbox.url, placed.json.order.invoice_number)).json.transaction
        ?.status,
    ).toBe("SUCCESS");
  });

  it("tampered-signature → a signature that does not match the body sent", async () => {
    await fault({ target: "notification", kind: "tampered-signature" });
    await approveNew();
    const [n] = await env.receiver.waitFor(1);
    expect(header(n!, "signature")).toMatch(/^HMACSHA256=/);
    expect(notificationSignatureValid(n!)).toBe(false);
    await waitUntil(() => env.sandbox.state.deliveries.length === 1);
    expect(env.sandbox.state.deliveries[0]).toMatchObject({ tampered: true });
  });

  it("notification modes apply to `times` settled orders, then delivery is normal", async () => {
    await fault({ target: "notification", kind: "tampered-signature", times: 2 });
    for (let i = 0; i < 3; i += 1) await approveNew();
    const got = await env.receiver.waitFor(3);
    expect(got.map(notificationSignatureValid)).toEqual([false, false, true]);
  });
});

describe("faults: control input", () => {
  it("rejects unknown kinds and wrong fields with a clear 400", async () => {
    const bad = await fault({ target: "generate-order", kind: "duplicate" });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: "invalid_parameter" } });
    expect(String((bad.json.error as { message: string }).message)).toMatch(/kind/);
    expect((await fault({ target: "notification", kind: "drop" })).status).toBe(400);
    expect((await fault({ target: "check-status", kind: "failed-status" })).status).toBe(400);
    expect((await fault({ kind: "error500" })).status).toBe(400);
  });

  it("lists and clears faults", async () => {
    await fault({ target: "generate-order", kind: "error500", times: 3 });
    await fault({ kind: "duplicate", copies: 2 });
    const listed = (await (await fetch(`${env.sandbox.url}/_sandbox/faults`)).json()) as {
      faults: Array<Record<string, unknown>>;
    };
    expect(listed.faults).toEqual([
      expect.objectContaining({
        target: "generate-order",
        kind: "error500",
        times: 3,
        remaining: 3,
      }),
      expect.objectContaining({
        target: "notification",
        kind: "duplicate",
        copies: 2,
        remaining: 1,
      }),
    ]);
    expect((await fetch(`${env.sandbox.url}/_sandbox/faults`, { method: "DELETE" })).status).toBe(
      200,
    );
    expect((await placeOrder(env.sandbox.url)).status).toBe(200);
  });
});
