// Shared by the sandbox's own tests: a merchant-side client that signs like the app must, a
// valid generate-order body, a local notification receiver, and the sandbox itself per test file.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  dokuTimestamp,
  responseComponents,
  signRequest,
  verifySignature,
} from "../lib/doku/signature";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";

export const CLIENT_ID = "MCH-SANDBOX-TEST-0001";
export const SECRET_KEY = "SK-SANDBOX-TEST-000000000000001";
export const GENERATE_ORDER = "/kredivo-peer-to-peer/v2/generate-order";

let counter = 0;
export function uniqueInvoice(prefix = "INV-T"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A body DOKU would accept: two products, a shipping fee and a discount line. */
export function validOrder(invoice = uniqueInvoice()) {
  return {
    order: {
      invoice_number: invoice,
      line_items: [
        {
          id: "SKU-1",
          name: "Kopi Gayo 250 g",
          price: 85_000,
          quantity: 2,
          type: "FOOD",
          url: "https://shop.example/p/kopi",
        },
        {
          id: "SKU-2",
          name: "Tumbler",
          price: 150_000,
          quantity: 1,
          type: "HOUSEHOLD",
          url: "https://shop.example/p/tumbler",
        },
        {
          id: "shippingfee",
          name: "Shipping",
          price: 20_000,
          quantity: 1,
          type: "SHIPPING",
          url: "https://shop.example/shipping",
        },
        {
          id: "discount",
          name: "Discount",
          price: -5_000,
          quantity: 1,
          type: "DISCOUNT",
          url: "https://shop.example/promo",
        },
      ],
      amount: 335_000,
      callback_url: "https://shop.example/orders/abc/return",
      callback_url_cancel: "https://shop.example/orders/abc/cancel",
    },
    peer_to_peer_info: { expired_time: 60, merchant_unique_reference: `MUR-${invoice}` },
    customer: {
      first_name: "Anton",
      last_name: "Budiman",
      phone: "6281234567890",
      email: "anton@example.com",
    },
    shipping_address: {
      first_name: "Anton",
      last_name: "Budiman",
      address: "Jalan Teknologi No. 25",
      city: "Jakarta",
      postal_code: "12960",
      phone: "6281234567890",
      country_code: "IDN",
    },
    sellers: [{ id: "SELLER-1", name: "Toko Sunrise" }],
  };
}

export interface SignedCall {
  path: string;
  method?: "GET" | "POST";
  body?: string;
  clientId?: string;
  secretKey?: string;
  requestId?: string;
  timestamp?: string;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  contentType?: string | null;
}

/** Builds a Request signed exactly as the merchant app must sign it. */
export function signedRequest(baseUrl: string, call: SignedCall): Request {
  const method = call.method ?? (call.body === undefined ? "GET" : "POST");
  const clientId = call.clientId ?? CLIENT_ID;
  const requestId = call.requestId ?? randomUUID();
  const timestamp = call.timestamp ?? dokuTimestamp();
  const signature =
    call.signature ??
    signRequest(
      {
        clientId,
        requestId,
        requestTimestamp: timestamp,
        requestTarget: call.path,
        body: call.body ?? null,
      },
      call.secretKey ?? SECRET_KEY,
    );
  const headers: Record<string, string> = {
    "Client-Id": clientId,
    "Request-Id": requestId,
    "Request-Timestamp": timestamp,
    Signature: signature,
  };
  const contentType = call.contentType === undefined ? "application/json" : call.contentType;
  if (method === "POST" && contentType !== null) headers["Content-Type"] = contentType;
  // A GET carries no body; `body` on a GET only changes what is signed (to test rejection).
  return new Request(`${baseUrl}${call.path}`, {
    method,
    headers,
    body: method === "GET" ? undefined : call.body,
  });
}

/** Verifies a DOKU answer the way the app must: over the exact bytes, with the request's ids. */
export function responseSignatureValid(
  res: Response,
  text: string,
  request: { requestId: string; path: string; clientId?: string },
  secretKey = SECRET_KEY,
): boolean {
  const components = responseComponents({
    clientId: request.clientId ?? CLIENT_ID,
    requestId: request.requestId,
    responseTimestamp: res.headers.get("response-timestamp") ?? "",
    requestTarget: request.path,
    body: text,
  });
  return verifySignature(components, res.headers.get("signature"), secretKey);
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Next answers, in order; when exhausted every request gets 200. */
  answers: number[];
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A stand-in for the merchant's notification route. */
export async function startReceiver(path = "/api/doku/notifications"): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ received: status < 300 }));
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answers,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`expected ${count} notifications, got ${received.length}`)),
          timeoutMs,
        );
        const check = () => {
          if (received.length >= count) {
            clearTimeout(deadline);
            resolve(received.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function header(r: Received, name: string): string {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export interface PlacedOrder {
  status: number;
  requestId: string;
  text: string;
  json: {
    order: { amount: number; invoice_number: string };
    payment: { status: string; url?: string };
    peer_to_peer_info: {
      merchant_unique_reference: string;
      identifier?: Array<{ name: string; value: string }>;
    };
    error?: { code: string; message: string };
  };
  res: Response;
}

/** generate-order over real HTTP, signed like the app. */
export async function placeOrder(
  baseUrl: string,
  body: object = validOrder(),
  call: Partial<SignedCall> = {},
): Promise<PlacedOrder> {
  const requestId = call.requestId ?? randomUUID();
  const res = await fetch(
    signedRequest(baseUrl, {
      path: GENERATE_ORDER,
      body: JSON.stringify(body),
      requestId,
      ...call,
    }),
  );
  const text = await res.text();
  return {
    status: res.status,
    requestId,
    text,
    json: JSON.parse(text) as PlacedOrder["json"],
    res,
  };
}

export interface StatusBody {
  service?: { id: string };
  acquirer?: { id: string };
  channel?: { id: string };
  order?: { invoice_number: string; amount: number };
  transaction?: { status: string; date: string; original_request_id: string };
  peer_to_peer_info?: {
    merchant_unique_reference: string;
    identifier: Array<{ name: string; value: string }>;
  };
  error?: { code: string; message: string; type: string };
}

/** check status over real HTTP. */
export async function checkStatus(baseUrl: string, id: string, call: Partial<SignedCall> = {}) {
  const requestId = call.requestId ?? randomUUID();
  const path = `/orders/v1/status/${encodeURIComponent(id)}`;
  const res = await fetch(signedRequest(baseUrl, { path, requestId, ...call }));
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as StatusBody, requestId, path };
}

export function tokenOf(paymentUrl: string | undefined): string {
  const tk = paymentUrl ? new URL(paymentUrl).searchParams.get("tk") : null;
  if (!tk) throw new Error(`no token in ${paymentUrl}`);
  return tk;
}

/** Submits one of the Kredivo page's buttons like a browser (form post, no redirect follow). */
export function submitKredivo(
  baseUrl: string,
  action: "approve" | "decline" | "cancel",
  form: Record<string, string>,
): Promise<Response> {
  return fetch(`${baseUrl}/kredivo/signIn/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate` holds (the sandbox logs a delivery just after the receiver answers). */
export async function waitUntil(
  predicate: () => boolean,
  timeoutMs = 3_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await pause(10);
  }
}

/**
 * The sandbox under test, delivering to a fresh receiver, for a whole test file: started before
 * its first test and closed after its last; with `resetAfterEach`, the sandbox's state and the
 * receiver's log are cleared between tests.
 */
export function sandboxForFile(
  options: Omit<Partial<SandboxOptions>, "notificationUrl"> & {
    receiverPath?: string;
    resetAfterEach?: boolean;
  } = {},
): { sandbox: RunningSandbox; receiver: Receiver } {
  const { receiverPath, resetAfterEach = false, ...sandboxOptions } = options;
  const env = {} as { sandbox: RunningSandbox; receiver: Receiver };
  beforeAll(async () => {
    env.receiver = await startReceiver(receiverPath);
    env.sandbox = await startSandbox({
      port: 0,
      clientId: CLIENT_ID,
      secretKey: SECRET_KEY,
      ...sandboxOptions,
      notificationUrl: env.receiver.url,
    });
  });
  if (resetAfterEach) {
    afterEach(async () => {
      await fetch(`${env.sandbox.url}/_sandbox/reset`, { method: "POST" });
      env.receiver.received.length = 0;
      env.receiver.answers.length = 0;
    });
  }
  afterAll(async () => {
    await env.sandbox?.close();
    await env.receiver?.close();
  });
  return env;
}
