import { describe, expect, it } from "vitest";
import type { OrderView } from "./control-api";
import type { Fault } from "./faults";
import type { DeliveryAttempt } from "./state";
import { placeOrder, sandboxForFile, uniqueInvoice, validOrder } from "./test-support";

const env = sandboxForFile({ resetAfterEach: true });

type ApiJson = Partial<OrderView> & {
  ok?: boolean;
  error?: { code: string; message: string };
  orders?: OrderView[];
  deliveries?: DeliveryAttempt[];
  faults?: Fault[];
};

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${env.sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as ApiJson, res };
};

describe("control API", () => {
  it("health", async () => {
    expect(await api("GET", "/health")).toMatchObject({ status: 200, json: { ok: true } });
  });

  it("approve → order JSON after the first delivery attempt; approving twice → 409", async () => {
    const body = validOrder();
    const placed = await placeOrder(env.sandbox.url, body);
    const invoice = body.order.invoice_number;
    const approved = await api("POST", `/orders/${invoice}/approve`, { tenor: "3m" });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({
      invoiceNumber: invoice,
      amount: 335_000,
      status: "SUCCESS",
      tenor: "3m",
      requestId: placed.requestId,
      paymentUrl: placed.json.payment.url,
      notificationUrl: env.receiver.url,
    });
    expect(approved.json.deliveries).toEqual([
      expect.objectContaining({
        attempt: 1,
        httpStatus: 200,
        acknowledged: true,
        status: "SUCCESS",
        url: env.receiver.url,
      }),
    ]);
    expect(approved.json.notifications?.[0]).toMatchObject({
      status: "SUCCESS",
      acknowledged: true,
      body: { transaction: { status: "SUCCESS", original_request_id: placed.requestId } },
    });
    expect(env.receiver.received).toHaveLength(1);

    const again = await api("POST", `/orders/${invoice}/decline`);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: "order_not_pending" } });
  });

  it("decline, expire and refund; refund only from SUCCESS", async () => {
    const a = validOrder(uniqueInvoice());
    const b = validOrder(uniqueInvoice());
    await placeOrder(env.sandbox.url, a);
    await placeOrder(env.sandbox.url, b);
    expect((await api("POST", `/orders/${a.order.invoice_number}/decline`)).json.status).toBe(
      "FAILED",
    );
    expect(JSON.parse(env.receiver.received[0]!.body).transaction.status).toBe("FAILED");
    expect((await api("POST", `/orders/${b.order.invoice_number}/expire`)).json.status).toBe(
      "EXPIRED",
    );
    expect((await api("POST", `/orders/${b.order.invoice_number}/approve`)).json).toMatchObject({
      error: { code: "order_expired" },
    });
    expect((await api("POST", `/orders/${a.order.invoice_number}/refund`)).status).toBe(409);
    expect(env.receiver.received).toHaveLength(1);
  });

  it("lists orders with their deliveries, and every delivery attempt", async () => {
    const a = validOrder(uniqueInvoice());
    await placeOrder(env.sandbox.url, a);
    await placeOrder(env.sandbox.url, validOrder(uniqueInvoice()));
    await api("POST", `/orders/${a.order.invoice_number}/approve`);
    const orders = await api("GET", "/orders");
    expect(orders.json.orders).toHaveLength(2);
    expect(orders.json.orders?.map((o) => o.status).sort()).toEqual(["PENDING", "SUCCESS"]);
    const notifications = await api("GET", "/notifications");
    expect(notifications.json.deliveries).toEqual([
      expect.objectContaining({
        invoiceNumber: a.order.invoice_number,
        attempt: 1,
        httpStatus: 200,
      }),
    ]);
    expect((await api("GET", "/orders/INV-UNKNOWN")).status).toBe(404);
  });

  it("reset forgets orders, Request-Ids, deliveries and faults", async () => {
    const body = validOrder();
    const placed = await placeOrder(env.sandbox.url, body);
    await api("POST", `/orders/${body.order.invoice_number}/approve`);
    await api("POST", "/faults", { target: "generate-order", kind: "error500" });
    expect((await api("POST", "/reset")).json).toEqual({ ok: true });
    expect((await api("GET", "/orders")).json.orders).toEqual([]);
    expect((await api("GET", "/notifications")).json.deliveries).toEqual([]);
    expect((await api("GET", "/faults")).json.faults).toEqual([]);
    // The same Request-Id and invoice are accepted again as new.
    expect((await placeOrder(env.sandbox.url, body, { requestId: placed.requestId })).status).toBe(
      200,
    );
  });

  it("refuses POSTs from another site's page, and changes nothing @faults", async () => {
    const body = validOrder();
    await placeOrder(env.sandbox.url, body);
    const invoice = body.order.invoice_number;
    const post = (path: string, headers: Record<string, string>) =>
      fetch(`${env.sandbox.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: "tenor=3m",
        redirect: "manual",
      });
    const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    for (const path of [
      `/_sandbox/orders/${invoice}/approve`,
      "/_sandbox/reset",
      "/_sandbox/faults",
    ]) {
      const refused = await post(path, evil);
      expect(refused.status, path).toBe(403);
      expect(((await refused.json()) as ApiJson).error?.code).toBe("cross_site_request");
    }
    // Another origin without Sec-Fetch-Site (an older browser) is refused too.
    expect(
      (await post(`/_sandbox/orders/${invoice}/approve`, { origin: "http://localhost:3000" }))
        .status,
    ).toBe(403);
    expect((await api("GET", `/orders/${invoice}`)).json.status).toBe("PENDING");
    // The sandbox's own control page (same origin) and plain clients (no browser headers) work.
    const own = await post(`/_sandbox/orders/${invoice}/approve`, {
      origin: env.sandbox.url,
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(303);
    expect((await api("GET", `/orders/${invoice}`)).json.status).toBe("SUCCESS");
  });

  it("rejects bad input with a clear 400", async () => {
    const body = validOrder();
    await placeOrder(env.sandbox.url, body);
    const bad = await api("POST", `/orders/${body.order.invoice_number}/approve`, { tenor: "24m" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/^tenor: /);
    const res = await fetch(`${env.sandbox.url}/_sandbox/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(res.status).toBe(400);
  });
});

describe("control page", () => {
  it("lists orders and deliveries with action forms", async () => {
    const body = validOrder();
    await placeOrder(env.sandbox.url, body);
    await api("POST", "/orders/" + body.order.invoice_number + "/approve");
    await placeOrder(env.sandbox.url, validOrder(uniqueInvoice()));
    const res = await fetch(`${env.sandbox.url}/_sandbox`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(body.order.invoice_number);
    expect(html).toContain(
      `action="/_sandbox/orders/${encodeURIComponent(body.order.invoice_number)}/refund"`,
    );
    expect(html).toMatch(/Notification attempts \(1\)/);
    expect(html).toContain("HTTP 200");
    expect(html).toContain('action="/_sandbox/faults"');
  });

  it("form posts act and redirect back to the page", async () => {
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${env.sandbox.url}/_sandbox${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
      });
    const added = await form("/faults", {
      preset: "notification/duplicate",
      times: "2",
      copies: "3",
      ms: "",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/_sandbox");
    expect((await api("GET", "/faults")).json.faults).toEqual([
      expect.objectContaining({ target: "notification", kind: "duplicate", copies: 3, times: 2 }),
    ]);
    const invalid = await form("/faults", { preset: "notification/drop", times: "1" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("count");
    expect((await form("/faults/clear", {})).status).toBe(303);
    expect((await api("GET", "/faults")).json.faults).toEqual([]);
  });
});
