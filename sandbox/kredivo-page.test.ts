import { afterEach, describe, expect, it } from "vitest";
import { requestComponents, verifySignature } from "../lib/doku/signature";
import {
  checkStatus,
  CLIENT_ID,
  header,
  pause,
  placeOrder,
  sandboxForFile,
  SECRET_KEY,
  submitKredivo,
  tokenOf,
  uniqueInvoice,
  validOrder,
} from "./test-support";

let clock: Date | null = null;
const env = sandboxForFile({ timeScale: 1, now: () => clock ?? new Date(), resetAfterEach: true });
afterEach(() => {
  clock = null;
});

async function newOrder(body = validOrder()) {
  const placed = await placeOrder(env.sandbox.url, body);
  expect(placed.status).toBe(200);
  return { ...placed, body, tk: tokenOf(placed.json.payment.url) };
}

const rupiah = (n: number) => `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;

describe("Kredivo page: rendering", () => {
  it("payment.url points at this sandbox and shows merchant, items, total and tenors", async () => {
    const { json } = await newOrder();
    expect(json.payment.url?.startsWith(`${env.sandbox.url}/kredivo/signIn?tk=`)).toBe(true);
    const res = await fetch(json.payment.url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();

    expect(html).toMatch(/<html lang="(en|id)">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(">Kredivo<");
    expect(html).toMatch(/class="badge">sandbox</);
    expect(html).toContain("Toko Sunrise");
    expect(html).toMatch(/Kopi Gayo 250 g <span class="qty">× 2<\/span>/);
    expect(html).toContain(rupiah(170_000));
    expect(html).toContain(`-${rupiah(5_000)}`);
    expect(html).toMatch(new RegExp(`id="order-total">${rupiah(335_000)}<`));
    expect(html).not.toMatch(/<script|<link /);

    // 30 days at 0%, then a flat 2.6 %/month on the full amount, rounded up to the rupiah.
    expect(html).toMatch(/<input type="radio" id="tenor-30d" name="tenor" value="30d" checked>/);
    for (const months of [3, 6, 12]) {
      const monthly = Math.ceil((335_000 * (1000 + 26 * months)) / (1000 * months));
      expect(html).toContain(`<label class="tenor" for="tenor-${months}m">`);
      expect(html).toContain(`${rupiah(monthly)}<span lang="id">/bulan</span>`);
    }
    for (const label of ["Approve payment", "Decline", "Cancel and return to merchant"]) {
      expect(html).toMatch(new RegExp(`<button type="submit"[^>]*>${label}</button>`));
    }
    expect(html).toContain(`<input type="hidden" name="tk" value="${tokenOf(json.payment.url)}">`);
    expect(html).toContain('formaction="/kredivo/signIn/decline"');
    expect(html).toContain('formaction="/kredivo/signIn/cancel"');
  });

  it("falls back to 'Merchant' without sellers and escapes merchant-supplied text", async () => {
    const body = validOrder();
    delete (body as Record<string, unknown>).sellers;
    body.order.line_items[0]!.name = '<img src=x onerror="alert(1)">';
    const { json } = await newOrder(body);
    const html = await (await fetch(json.payment.url as string)).text();
    expect(html).toContain('<h1 id="merchant-heading">Merchant</h1>');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain("<img src=x");
  });

  it("unknown or malformed token → 404 page", async () => {
    for (const tk of ["3f0c1a8e-0000-4000-8000-000000000000", "nope"]) {
      const res = await fetch(`${env.sandbox.url}/kredivo/signIn?tk=${tk}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("Payment link not found");
    }
  });
});

describe("Kredivo page: approve, decline, cancel", () => {
  it("approve → SUCCESS notification signed over the receiver's path, landed before the 303", async () => {
    const { body, tk, requestId, json } = await newOrder();
    const res = await submitKredivo(env.sandbox.url, "approve", { tk, tenor: "6m" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(body.order.callback_url);
    // Awaited first attempt: already received, no polling needed.
    expect(env.receiver.received).toHaveLength(1);

    const n = env.receiver.received[0]!;
    expect(n.path).toBe("/api/doku/notifications");
    expect(header(n, "content-type")).toBe("application/json");
    expect(header(n, "client-id")).toBe(CLIENT_ID);
    expect(header(n, "request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(n, "request-id")).not.toBe(requestId);
    expect(header(n, "request-timestamp")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const components = requestComponents({
      clientId: header(n, "client-id"),
      requestId: header(n, "request-id"),
      requestTimestamp: header(n, "request-timestamp"),
      requestTarget: "/api/doku/notifications",
      body: n.body,
    });
    expect(verifySignature(components, header(n, "signature"), SECRET_KEY)).toBe(true);

    expect(JSON.parse(n.body)).toEqual({
      service: { id: "PEER_TO_PEER" },
      acquirer: { id: "KREDIVO" },
      channel: { id: "PEER_TO_PEER_KREDIVO" },
      order: { invoice_number: body.order.invoice_number, amount: 335_000 },
      transaction: {
        status: "SUCCESS",
        date: expect.stringMatching(/Z$/),
        original_request_id: requestId,
      },
      peer_to_peer_info: {
        merchant_unique_reference: body.peer_to_peer_info.merchant_unique_reference,
        identifier: json.peer_to_peer_info.identifier,
      },
    });

    const order = (await (
      await fetch(`${env.sandbox.url}/_sandbox/orders/${body.order.invoice_number}`)
    ).json()) as {
      status: string;
      tenor: string;
      deliveries: Array<{ attempt: number; httpStatus: number; acknowledged: boolean }>;
    };
    expect(order).toMatchObject({ status: "SUCCESS", tenor: "6m" });
    expect(order.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, httpStatus: 200, acknowledged: true }),
    ]);
  });

  it("a settled order's page says so and links back; approving again is refused", async () => {
    const { body, tk, json } = await newOrder();
    await submitKredivo(env.sandbox.url, "approve", { tk });
    const html = await (await fetch(json.payment.url as string)).text();
    expect(html).toContain("This order is already paid");
    expect(html).toContain(`href="${body.order.callback_url}"`);
    expect(html).not.toContain("Approve payment");
    const again = await submitKredivo(env.sandbox.url, "approve", { tk });
    expect(again.status).toBe(409);
    expect(env.receiver.received).toHaveLength(1);
  });

  it("decline → FAILED notification and redirect to callback_url", async () => {
    const { body, tk } = await newOrder();
    const res = await submitKredivo(env.sandbox.url, "decline", { tk });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(body.order.callback_url);
    expect(env.receiver.received).toHaveLength(1);
    expect(JSON.parse(env.receiver.received[0]!.body).transaction.status).toBe("FAILED");
    expect(
      (await checkStatus(env.sandbox.url, body.order.invoice_number)).json.transaction?.status,
    ).toBe("FAILED");
  });

  it("cancel → callback_url_cancel, nothing sent, order stays PENDING", async () => {
    const { body, tk } = await newOrder();
    const res = await submitKredivo(env.sandbox.url, "cancel", { tk });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(body.order.callback_url_cancel);
    await pause(100);
    expect(env.receiver.received).toHaveLength(0);
    expect(env.sandbox.state.deliveries).toHaveLength(0);
    expect(
      (await checkStatus(env.sandbox.url, body.order.invoice_number)).json.transaction?.status,
    ).toBe("PENDING");
  });

  it("cancel without callback_url_cancel → callback_url", async () => {
    const body = validOrder();
    delete (body.order as Record<string, unknown>).callback_url_cancel;
    const { tk } = await newOrder(body);
    const res = await submitKredivo(env.sandbox.url, "cancel", { tk });
    expect(res.headers.get("location")).toBe(body.order.callback_url);
  });

  it("an order past expired_time is EXPIRED on the next read, and cannot be approved", async () => {
    const body = validOrder(uniqueInvoice());
    body.peer_to_peer_info.expired_time = 5;
    const { tk, json } = await newOrder(body);
    clock = new Date(Date.now() + 5 * 60_000 + 1_000);
    const html = await (await fetch(json.payment.url as string)).text();
    expect(html).toContain("This payment link has expired");
    const res = await submitKredivo(env.sandbox.url, "approve", { tk });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("expired");
    expect(env.receiver.received).toHaveLength(0);
    clock = null; // back to real time so the check-status timestamp is fresh
    expect(
      (await checkStatus(env.sandbox.url, body.order.invoice_number)).json.transaction?.status,
    ).toBe("EXPIRED");
  });

  it("a form without a valid token → 400", async () => {
    const res = await submitKredivo(env.sandbox.url, "approve", { tk: "not-a-token" });
    expect(res.status).toBe(400);
  });
});
