import { describe, expect, it } from "vitest";
import {
  checkStatus,
  placeOrder,
  responseSignatureValid,
  sandboxForFile,
  submitKredivo,
  tokenOf,
  uniqueInvoice,
  validOrder,
} from "./test-support";

const env = sandboxForFile();

const control = (path: string) => fetch(`${env.sandbox.url}/_sandbox${path}`, { method: "POST" });

describe("check status", () => {
  it("unknown invoice → 404 invoice_not_found, signed", async () => {
    const { res, text, json, requestId, path } = await checkStatus(env.sandbox.url, "INV-NOPE");
    expect(res.status).toBe(404);
    expect(json).toMatchObject({ error: { code: "invoice_not_found", type: "invalid_request" } });
    expect(responseSignatureValid(res, text, { requestId, path })).toBe(true);
  });

  it("follows the order from PENDING to SUCCESS to REFUNDED, signed each time", async () => {
    const body = validOrder();
    const placed = await placeOrder(env.sandbox.url, body);
    const invoice = body.order.invoice_number;

    const pending = await checkStatus(env.sandbox.url, invoice);
    expect(pending.res.status).toBe(200);
    expect(responseSignatureValid(pending.res, pending.text, pending)).toBe(true);
    expect(pending.json).toEqual({
      service: { id: "PEER_TO_PEER" },
      acquirer: { id: "KREDIVO" },
      channel: { id: "PEER_TO_PEER_KREDIVO" },
      order: { invoice_number: invoice, amount: 335_000 },
      transaction: {
        status: "PENDING",
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        original_request_id: placed.requestId,
      },
      peer_to_peer_info: {
        merchant_unique_reference: body.peer_to_peer_info.merchant_unique_reference,
        identifier: placed.json.peer_to_peer_info.identifier,
      },
    });

    await submitKredivo(env.sandbox.url, "approve", { tk: tokenOf(placed.json.payment.url) });
    expect((await checkStatus(env.sandbox.url, invoice)).json.transaction?.status).toBe("SUCCESS");
    // The original Request-Id works in place of the invoice number.
    const byRequestId = await checkStatus(env.sandbox.url, placed.requestId);
    expect(byRequestId.json).toMatchObject({
      order: { invoice_number: invoice },
      transaction: { status: "SUCCESS" },
    });

    expect((await control(`/orders/${invoice}/refund`)).status).toBe(200);
    expect((await checkStatus(env.sandbox.url, invoice)).json.transaction?.status).toBe("REFUNDED");
  });

  it("reports FAILED after decline and EXPIRED after expire", async () => {
    const a = validOrder(uniqueInvoice());
    const b = validOrder(uniqueInvoice());
    const placedA = await placeOrder(env.sandbox.url, a);
    await placeOrder(env.sandbox.url, b);
    await submitKredivo(env.sandbox.url, "decline", { tk: tokenOf(placedA.json.payment.url) });
    expect((await control(`/orders/${b.order.invoice_number}/expire`)).status).toBe(200);
    expect(
      (await checkStatus(env.sandbox.url, a.order.invoice_number)).json.transaction?.status,
    ).toBe("FAILED");
    expect(
      (await checkStatus(env.sandbox.url, b.order.invoice_number)).json.transaction?.status,
    ).toBe("EXPIRED");
  });

  it("checks Client-Id, timestamp and signature like generate-order (GET: no Digest)", async () => {
    const invoice = validOrder().order.invoice_number;
    expect(
      (await checkStatus(env.sandbox.url, invoice, { clientId: "MCH-OTHER" })).json.error?.code,
    ).toBe("invalid_client_id");
    expect(
      (await checkStatus(env.sandbox.url, invoice, { secretKey: "SK-WRONG" })).json.error?.code,
    ).toBe("invalid_signature");
    const stale = new Date(Date.now() - 6 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect(
      (await checkStatus(env.sandbox.url, invoice, { timestamp: stale })).json.error?.code,
    ).toBe("invalid_timestamp");
    // Signing a GET with a Digest line (over an empty body) is not what DOKU expects.
    const withDigest = await checkStatus(env.sandbox.url, invoice, { body: "", method: "GET" });
    expect(withDigest.res.status).toBe(401);
  });
});
