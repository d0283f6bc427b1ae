// lib/doku/client.ts against the real local sandbox on a random port: every result class.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDokuClient, type DokuClient } from "@/lib/doku/client";
import { dokuTimestamp, signResponse } from "@/lib/doku/signature";
import { startSandbox } from "@/sandbox/server";
import { orderBody } from "../support/orders";

const CLIENT_ID = "MCH-UNIT-0001";
const SECRET = "SK-UNIT-TEST-000000000000000001";

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let client: DokuClient;

async function control(path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `control ${path}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    clientId: CLIENT_ID,
    secretKey: SECRET,
    notificationUrl: "http://127.0.0.1:9/api/doku/notifications",
    timeScale: 3600,
  });
  client = createDokuClient({
    baseUrl: sandbox.url,
    clientId: CLIENT_ID,
    secretKey: SECRET,
    timeoutMs: 2000,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => control("reset"));

describe("@faults generateOrder", () => {
  it("returns the verified payment URL and the whole exchange, without the secret", async () => {
    const body = orderBody();
    const result = await client.generateOrder(body);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.payment.status).toBe("PENDING");
    expect(result.data.payment.url).toMatch(new RegExp(`^${sandbox.url}/`));
    expect(result.data.order).toMatchObject({
      invoice_number: body.order.invoice_number,
      amount: body.order.amount,
    });

    const { exchange } = result;
    expect(exchange.method).toBe("POST");
    expect(exchange.url).toBe(`${sandbox.url}/kredivo-peer-to-peer/v2/generate-order`);
    expect(exchange.requestBody).toBe(JSON.stringify(body));
    expect(exchange.status).toBe(200);
    expect(exchange.signatureValid).toBe(true);
    expect(exchange.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(exchange.requestHeaders["Request-Timestamp"]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(exchange.requestHeaders.Signature).toMatch(/^HMACSHA256=.{9}…$/);
    expect(JSON.parse(exchange.responseBody ?? "{}").payment.url).toBe(result.data.payment.url);
    expect(JSON.stringify(exchange)).not.toContain(SECRET);
  });

  it("uses a new Request-Id for every call", async () => {
    const a = await client.generateOrder(orderBody());
    const b = await client.generateOrder(orderBody());
    expect(a.exchange.requestId).not.toBe(b.exchange.requestId);
  });

  it("reports a DOKU error envelope with its status (duplicate invoice → 409)", async () => {
    const body = orderBody();
    expect((await client.generateOrder(body)).ok).toBe(true);
    const again = await client.generateOrder(body);
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error).toMatchObject({
      kind: "http",
      status: 409,
      code: "duplicate_invoice_number",
    });
    expect(again.exchange.status).toBe(409);
  });

  it("reports a rejected signature (wrong secret) as an http 401", async () => {
    const wrong = createDokuClient({
      baseUrl: sandbox.url,
      clientId: CLIENT_ID,
      secretKey: "SK-NOT-THE-RIGHT-ONE-0000",
    });
    const result = await wrong.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ kind: "http", status: 401, code: "invalid_signature" });
  });

  it("reports a DOKU 500 as an http error", async () => {
    await control("faults", { target: "generate-order", kind: "error500", times: 1 });
    const result = await client.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "http", status: 500 });
  });

  it("reports payment.status FAILED as payment_failed", async () => {
    await control("faults", { target: "generate-order", kind: "failed-status", times: 1 });
    const result = await client.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("payment_failed");
      expect(result.exchange.signatureValid).toBe(true);
    }
  });

  it("never trusts a response whose signature is wrong", async () => {
    await control("faults", { target: "generate-order", kind: "bad-signature", times: 1 });
    const result = await client.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({
        kind: "bad_signature",
        status: 200,
        check: { valid: false, variant: null },
      });
      expect(result.exchange.signatureValid).toBe(false);
      expect(result.exchange.responseBody).toContain("payment");
    }
  });

  describe("each reading of DOKU's response signing, under each policy", () => {
    const reporting = () =>
      createDokuClient({
        baseUrl: sandbox.url,
        clientId: CLIENT_ID,
        secretKey: SECRET,
        timeoutMs: 2000,
        responseSignature: "report",
      });

    it("standard: both requests verify with the Digest line", async () => {
      const body = orderBody();
      const created = await client.generateOrder(body);
      expect(created).toMatchObject({
        ok: true,
        verified: true,
        exchange: { signatureCheck: { valid: true, variant: "with_digest" } },
      });
      const status = await client.checkStatus(body.order.invoice_number);
      expect(status).toMatchObject({
        ok: true,
        verified: true,
        exchange: { signatureCheck: { variant: "with_digest" } },
      });
    });

    it("a GET answered without the Digest line verifies, under enforce too; a POST must keep it", async () => {
      const body = orderBody();
      await client.generateOrder(body);
      await control("signing", { mode: "get-without-digest" });
      const status = await client.checkStatus(body.order.invoice_number);
      expect(status).toMatchObject({
        ok: true,
        verified: true,
        exchange: { signatureCheck: { valid: true, variant: "without_digest" } },
      });
      if (status.ok) expect(status.exchange.signatureCheck!.tried[0]).not.toContain("Digest:");
    });

    it("unsigned answers: enforce refuses and names what was missing; report reads them, marked unverified", async () => {
      await control("signing", { mode: "unsigned" });
      const refused = await client.generateOrder(orderBody());
      expect(refused).toMatchObject({
        ok: false,
        error: {
          kind: "bad_signature",
          check: {
            problem: "no Response-Timestamp or Signature header in the response",
            headers: { "Client-Id": false, Signature: false },
          },
        },
      });
      const body = orderBody();
      const followed = await reporting().generateOrder(body);
      expect(followed).toMatchObject({
        ok: true,
        verified: false,
        exchange: { signatureValid: false },
      });
      const status = await reporting().checkStatus(body.order.invoice_number);
      expect(status).toMatchObject({ ok: true, verified: false });
    });

    it("a signature over other bytes fails under both policies' check, and says which strings were tried", async () => {
      const body = orderBody();
      await client.generateOrder(body);
      await control("faults", { target: "check-status", kind: "bad-signature", times: 2 });
      const refused = await client.checkStatus(body.order.invoice_number);
      expect(refused).toMatchObject({
        ok: false,
        error: {
          kind: "bad_signature",
          check: { problem: "the Signature matches none of the 2 component string(s) tried" },
        },
      });
      if (!refused.ok && refused.error.kind === "bad_signature")
        expect(refused.error.check.tried).toHaveLength(2);
      expect(await reporting().checkStatus(body.order.invoice_number)).toMatchObject({
        ok: true,
        verified: false,
      });
    });
  });

  it("gives up after the timeout", async () => {
    // The sandbox holds its answer for 10 minutes, far beyond the test's own timeout: only the
    // client's 300 ms can end the call, so no clock needs to be read.
    await control("faults", { target: "generate-order", kind: "timeout", times: 1, ms: 600_000 });
    const quick = createDokuClient({
      baseUrl: sandbox.url,
      clientId: CLIENT_ID,
      secretKey: SECRET,
      timeoutMs: 300,
    });
    const result = await quick.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ kind: "timeout", timeoutMs: 300 });
    expect(result.exchange.status).toBeNull();
    expect(result.exchange.responseBody).toBeNull();
  });

  it("reports a refused connection as a network error", async () => {
    const nowhere = createDokuClient({
      baseUrl: "http://127.0.0.1:9",
      clientId: CLIENT_ID,
      secretKey: SECRET,
    });
    const result = await nowhere.generateOrder(orderBody());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe("network");
  });
});

describe("@faults generateOrder against a server that signs garbage", () => {
  it("reports an unparseable but signed body as bad_response", async () => {
    const server = createServer((req, res) => {
      const body = '{"order":{"invoice_number":"X"},"payment":"not an object"}';
      const responseTimestamp = dokuTimestamp();
      const requestId = String(req.headers["request-id"]);
      res.writeHead(200, {
        "content-type": "application/json",
        "client-id": CLIENT_ID,
        "request-id": requestId,
        "response-timestamp": responseTimestamp,
        signature: signResponse(
          { clientId: CLIENT_ID, requestId, responseTimestamp, requestTarget: req.url ?? "", body },
          SECRET,
        ),
      });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const c = createDokuClient({
        baseUrl: `http://127.0.0.1:${port}`,
        clientId: CLIENT_ID,
        secretKey: SECRET,
      });
      const result = await c.generateOrder(orderBody());
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe("bad_response");
        expect(result.exchange.signatureValid).toBe(true);
      }
    } finally {
      server.close();
    }
  });
});

describe("checkStatus", () => {
  it("follows the order from PENDING to SUCCESS, signed both ways", async () => {
    const body = orderBody();
    expect((await client.generateOrder(body)).ok).toBe(true);
    const pending = await client.checkStatus(body.order.invoice_number);
    expect(pending.ok && pending.data.transaction.status).toBe("PENDING");
    expect(pending.exchange.method).toBe("GET");
    expect(pending.exchange.requestBody).toBeNull();

    await control(`orders/${body.order.invoice_number}/approve`);
    const paid = await client.checkStatus(body.order.invoice_number);
    expect(paid.ok).toBe(true);
    if (paid.ok) {
      expect(paid.data.transaction.status).toBe("SUCCESS");
      expect(paid.data.order.amount).toBe(body.order.amount);
      expect(paid.exchange.signatureValid).toBe(true);
    }
  });

  it("reports an unknown invoice as http 404", async () => {
    const result = await client.checkStatus("INV-NOPE-404");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: "http", status: 404 });
  });

  it("never trusts a status answer whose signature is wrong", async () => {
    const body = orderBody();
    await client.generateOrder(body);
    await control("faults", { target: "check-status", kind: "bad-signature", times: 1 });
    const result = await client.checkStatus(body.order.invoice_number);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe("bad_signature");
  });
});
