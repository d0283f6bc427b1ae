// lib/doku/notification.ts: the vector, hand-made edge cases, and a real notification that the
// sandbox delivers to a receiver.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDokuClient } from "@/lib/doku/client";
import { verifyNotification } from "@/lib/doku/notification";
import { startSandbox } from "@/sandbox/server";
import { orderBody } from "../support/orders";
import { startReceiver } from "../support/receiver";
import { signedHeaders } from "../support/signed-notification";

const v4Body = readFileSync(new URL("../fixtures/vectors/v4-body.json", import.meta.url), "utf8");
const vectorConfig = {
  clientId: "MCH-0001-10791114622547",
  secretKey: "SK-TESTVECTOR-0000000001",
  notificationPath: "/payments/notifications",
};
const vectorHeaders = {
  "Client-Id": "MCH-0001-10791114622547",
  "Request-Id": "450ec2b0-5631-4876-a3ee-33a93ee39daa",
  "Request-Timestamp": "2021-07-07T08:50:43Z",
  Signature: "HMACSHA256=aym7ExmR29g745mQNS8HMJUrVQ8nFXNihAbBcVgQZDk=",
};

describe("verifyNotification", () => {
  it("accepts the V4 vector, years after its timestamp", () => {
    const verdict = verifyNotification(v4Body, vectorHeaders, vectorConfig);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.requestId).toBe("450ec2b0-5631-4876-a3ee-33a93ee39daa");
    expect(verdict.notification.order).toMatchObject({
      invoice_number: "INV-KRD-0001",
      amount: 30000,
    });
    expect(verdict.notification.transaction.status).toBe("SUCCESS");
  });

  it("reads header names case-insensitively, from fetch Headers or node objects", () => {
    const lower = Object.fromEntries(
      Object.entries(vectorHeaders).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(verifyNotification(v4Body, lower, vectorConfig).ok).toBe(true);
    expect(verifyNotification(v4Body, new Headers(vectorHeaders), vectorConfig).ok).toBe(true);
    expect(verifyNotification(Buffer.from(v4Body), vectorHeaders, vectorConfig).ok).toBe(true);
  });

  it("signs over the configured path: another path fails", () => {
    const verdict = verifyNotification(v4Body, vectorHeaders, {
      ...vectorConfig,
      notificationPath: "/api/doku/notifications",
    });
    expect(verdict).toMatchObject({ ok: false, status: 401, reason: "signature" });
  });

  it("rejects a changed byte, a missing signature, an unknown Client-Id", () => {
    expect(
      verifyNotification(v4Body.replace("30000", "3000"), vectorHeaders, vectorConfig),
    ).toMatchObject({
      ok: false,
      status: 401,
      reason: "signature",
    });
    // Re-serialising the JSON changes nothing semantically but everything for the digest.
    expect(
      verifyNotification(JSON.stringify(JSON.parse(v4Body), null, 1), vectorHeaders, vectorConfig)
        .ok,
    ).toBe(false);
    const { Signature: _omit, ...unsigned } = vectorHeaders;
    expect(verifyNotification(v4Body, unsigned, vectorConfig)).toMatchObject({
      ok: false,
      status: 401,
      reason: "missing_header",
    });
    expect(
      verifyNotification(v4Body, { ...vectorHeaders, "Client-Id": "MCH-OTHER" }, vectorConfig),
    ).toMatchObject({
      ok: false,
      status: 401,
      reason: "client_id",
    });
  });

  // The vector's headers, re-signed over another body with the vector's secret.
  const signed = (body: string) =>
    signedHeaders(body, {
      clientId: vectorConfig.clientId,
      secret: vectorConfig.secretKey,
      path: vectorConfig.notificationPath,
      requestId: vectorHeaders["Request-Id"],
      requestTimestamp: vectorHeaders["Request-Timestamp"],
    }).headers;

  it("answers 400 for a signed body that is not JSON or lacks a field the app acts on", () => {
    expect(verifyNotification("not json", signed("not json"), vectorConfig)).toMatchObject({
      ok: false,
      status: 400,
      reason: "json",
    });
    const noAmount = JSON.stringify({
      order: { invoice_number: "INV-1" },
      transaction: { status: "SUCCESS" },
    });
    const verdict = verifyNotification(noAmount, signed(noAmount), vectorConfig);
    expect(verdict).toMatchObject({
      ok: false,
      status: 400,
      reason: "schema",
      signatureValid: true,
    });
    if (!verdict.ok) expect(verdict.message).toContain("order.amount");
    const fractional = JSON.stringify({
      order: { invoice_number: "INV-1", amount: 100.5 },
      transaction: { status: "SUCCESS" },
    });
    expect(verifyNotification(fractional, signed(fractional), vectorConfig).ok).toBe(false);
  });

  it("is lenient about fields it does not act on and about amount as a numeric string", () => {
    const body = JSON.stringify({
      order: { invoice_number: "INV-1", amount: "30000", extra: true },
      transaction: { status: "SUCCESS", brand_new_field: 1 },
      something_new: { a: 1 },
    });
    const verdict = verifyNotification(body, signed(body), vectorConfig);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.notification.order.amount).toBe(30000);
  });
});

describe("a notification delivered by the sandbox", () => {
  const CLIENT_ID = "MCH-UNIT-NOTIFY";
  const SECRET = "SK-UNIT-NOTIFY-0000000000000001";
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({
      port: 0,
      clientId: CLIENT_ID,
      secretKey: SECRET,
      notificationUrl: `${receiver.url}/api/doku/notifications`,
      timeScale: 3600,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it("verifies with lib/doku/notification.ts and carries the order's invoice and amount", async () => {
    const client = createDokuClient({
      baseUrl: sandbox.url,
      clientId: CLIENT_ID,
      secretKey: SECRET,
    });
    const body = orderBody();
    const created = await client.generateOrder(body);
    expect(created.ok).toBe(true);

    const res = await fetch(`${sandbox.url}/_sandbox/orders/${body.order.invoice_number}/approve`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    await receiver.waitFor(1);

    const [delivered] = receiver.received;
    expect(delivered?.path).toBe("/api/doku/notifications");
    const verdict = verifyNotification(delivered!.rawBody, delivered!.headers, {
      clientId: CLIENT_ID,
      secretKey: SECRET,
      notificationPath: "/api/doku/notifications",
    });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.notification.order).toMatchObject({
      invoice_number: body.order.invoice_number,
      amount: body.order.amount,
    });
    expect(verdict.notification.transaction.status).toBe("SUCCESS");
    expect(verdict.notification.transaction.original_request_id).toBe(created.exchange.requestId);
  });
});
