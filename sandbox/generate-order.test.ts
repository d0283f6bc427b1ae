import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { dokuTimestamp } from "../lib/doku/signature";
import { createSandbox } from "./server";
import {
  CLIENT_ID,
  GENERATE_ORDER,
  responseSignatureValid,
  SECRET_KEY,
  signedRequest,
  uniqueInvoice,
  validOrder,
} from "./test-support";

const BASE = "http://sandbox.test";
const sandbox = createSandbox({
  clientId: CLIENT_ID,
  secretKey: SECRET_KEY,
  notificationUrl: "http://127.0.0.1:3000/api/doku/notifications",
  publicUrl: "http://kredivo.test:4010",
});
afterAll(() => sandbox.close());

type Body = ReturnType<typeof validOrder>;
type Json = Record<string, unknown>;

async function post(body: string, call: Parameters<typeof signedRequest>[1] | object = {}) {
  const requestId = (call as { requestId?: string }).requestId ?? randomUUID();
  const res = await sandbox.app.request(
    signedRequest(BASE, { path: GENERATE_ORDER, body, requestId, ...call }),
  );
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Json, requestId };
}

const send = (mutate: (b: Body & Json) => void) => {
  const body = validOrder() as Body & Json;
  mutate(body);
  return post(JSON.stringify(body));
};

/** Deletes or replaces the value at a dotted path such as `order.line_items.0.price`. */
function at(path: string, value?: unknown): (b: Json) => void {
  return (b) => {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let target = b as Record<string, unknown>;
    for (const k of keys) target = target[k] as Record<string, unknown>;
    if (value === undefined) delete target[last];
    else target[last] = value;
  };
}

describe("generate-order: mandatory fields", () => {
  const mandatory = [
    ["order", "order is required"],
    ["order.invoice_number", "order.invoice_number is required"],
    ["order.line_items", "order.line_items is required"],
    ["order.line_items.0.name", "order.line_items[0].name is required"],
    ["order.line_items.0.price", "order.line_items[0].price is required"],
    ["order.line_items.0.quantity", "order.line_items[0].quantity is required"],
    ["order.line_items.1.id", "order.line_items[1].id is required"],
    ["order.line_items.0.type", "order.line_items[0].type is required"],
    ["order.line_items.3.url", "order.line_items[3].url is required"],
    ["order.amount", "order.amount is required"],
    ["order.callback_url", "order.callback_url is required"],
    ["peer_to_peer_info", "peer_to_peer_info is required"],
    [
      "peer_to_peer_info.merchant_unique_reference",
      "peer_to_peer_info.merchant_unique_reference is required",
    ],
    ["customer", "customer is required"],
    ["customer.first_name", "customer.first_name is required"],
    ["customer.phone", "customer.phone is required"],
    ["customer.email", "customer.email is required"],
    [
      "shipping_address",
      "shipping_address is required when the order has goods to ship (only a ticket or voucher order may leave it out)",
    ],
    ["shipping_address.first_name", "shipping_address.first_name is required"],
    ["shipping_address.address", "shipping_address.address is required"],
    ["shipping_address.city", "shipping_address.city is required"],
    ["shipping_address.postal_code", "shipping_address.postal_code is required"],
    ["shipping_address.phone", "shipping_address.phone is required"],
    ["shipping_address.country_code", "shipping_address.country_code is required"],
  ] as const;

  it.each(mandatory)("missing %s → 400 naming it", async (path, message) => {
    const { res, text, json, requestId } = await send(at(path));
    expect(res.status).toBe(400);
    expect(json).toEqual({
      error: { code: "invalid_parameter", message, type: "invalid_request" },
    });
    expect(responseSignatureValid(res, text, { requestId, path: GENERATE_ORDER })).toBe(true);
  });

  it("optional fields may be left out", async () => {
    const { res } = await send((b) => {
      delete (b.order as Json).callback_url_cancel;
      delete (b.customer as Json).last_name;
      delete (b.shipping_address as Json).last_name;
      delete (b.peer_to_peer_info as Json).expired_time;
      delete (b as Json).sellers;
    });
    expect(res.status).toBe(200);
  });

  it("follows DOKU where it is lenient: every billing field optional, no shipping_address for a voucher or e-book order", async () => {
    const partialBilling = await send((b) => {
      b.billing_address = { first_name: "Anton" };
    });
    expect(partialBilling.res.status).toBe(200);
    const digital = await send((b) => {
      const order = b.order as { line_items: Json[]; amount: number };
      order.line_items = [
        {
          id: "EBOOK-1",
          name: "Home brewing guide",
          price: 75_000,
          quantity: 1,
          type: "DIGITAL",
          url: "http://localhost:3000/products/ebook",
        },
      ];
      order.amount = 75_000;
      delete (b as Json).shipping_address;
      delete (b as Json).sellers;
    });
    expect(digital.res.status, JSON.stringify(digital.json)).toBe(200);
  });

  it("a blank mandatory string counts as empty", async () => {
    const { res, json } = await send(at("customer.first_name", "   "));
    expect(res.status).toBe(400);
    expect(json).toMatchObject({ error: { message: "customer.first_name must not be empty" } });
  });
});

describe("generate-order: types, lengths and formats", () => {
  const long = (n: number) => "x".repeat(n);
  const cases: Array<[string, (b: Json) => void, string]> = [
    ["amount as a string", at("order.amount", "335000"), "order.amount must be an integer"],
    [
      "price with decimals",
      at("order.line_items.0.price", 85_000.5),
      "order.line_items[0].price must be an integer",
    ],
    [
      "price as a string",
      at("order.line_items.0.price", "85000"),
      "order.line_items[0].price must be an integer",
    ],
    [
      "quantity as a string",
      at("order.line_items.0.quantity", "2"),
      "order.line_items[0].quantity must be an integer",
    ],
    [
      "quantity 0",
      at("order.line_items.0.quantity", 0),
      "order.line_items[0].quantity must be between 1 and 9999",
    ],
    [
      "quantity 10000",
      at("order.line_items.0.quantity", 10_000),
      "order.line_items[0].quantity must be between 1 and 9999",
    ],
    [
      "price of 13 digits",
      at("order.line_items.0.price", 1_000_000_000_000),
      "order.line_items[0].price must have at most 12 digits",
    ],
    [
      "amount 0",
      at("order.amount", 0),
      "order.amount must be a positive integer of at most 12 digits",
    ],
    [
      "amount of 13 digits",
      at("order.amount", 1_000_000_000_000),
      "order.amount must be a positive integer of at most 12 digits",
    ],
    [
      "invoice number as a number",
      at("order.invoice_number", 12345),
      "order.invoice_number must be a string",
    ],
    [
      "invoice number of 65 chars",
      at("order.invoice_number", long(65)),
      "order.invoice_number must be at most 64 characters",
    ],
    ["line_items not an array", at("order.line_items", {}), "order.line_items must be an array"],
    [
      "line_items empty",
      at("order.line_items", []),
      "order.line_items must have at least 1 item(s)",
    ],
    [
      "item name of 256 chars",
      at("order.line_items.0.name", long(256)),
      "order.line_items[0].name must be at most 255 characters",
    ],
    [
      "relative item url",
      at("order.line_items.0.url", "/p/kopi"),
      "order.line_items[0].url must be an absolute http(s) URL",
    ],
    [
      "empty item type",
      at("order.line_items.2.type", ""),
      "order.line_items[2].type must not be empty",
    ],
    [
      "bad parent_type",
      at("order.line_items.0.parent_type", "SHOP"),
      "order.line_items[0].parent_type must be one of SELLER, ITEM",
    ],
    [
      "ftp callback_url",
      at("order.callback_url", "ftp://shop.example/return"),
      "order.callback_url must be an absolute http(s) URL",
    ],
    [
      "javascript: cancel url",
      at("order.callback_url_cancel", "javascript:alert(1)"),
      "order.callback_url_cancel must be an absolute http(s) URL",
    ],
    [
      "expired_time 0",
      at("peer_to_peer_info.expired_time", 0),
      "peer_to_peer_info.expired_time must be between 1 and 99999 minutes",
    ],
    [
      "expired_time 100000",
      at("peer_to_peer_info.expired_time", 100_000),
      "peer_to_peer_info.expired_time must be between 1 and 99999 minutes",
    ],
    [
      "expired_time as a string",
      at("peer_to_peer_info.expired_time", "60"),
      "peer_to_peer_info.expired_time must be an integer",
    ],
    [
      "reference of 65 chars",
      at("peer_to_peer_info.merchant_unique_reference", long(65)),
      "peer_to_peer_info.merchant_unique_reference must be at most 64 characters",
    ],
    [
      "first name of 256 chars",
      at("customer.first_name", long(256)),
      "customer.first_name must be at most 255 characters",
    ],
    ["phone as a number", at("customer.phone", 6281234567890), "customer.phone must be a string"],
    [
      "phone with + and spaces",
      at("customer.phone", "+62 812 3456 7890"),
      "customer.phone must contain digits only ({calling code}{number}, e.g. 6281122334455)",
    ],
    [
      "phone of 17 digits",
      at("customer.phone", "62812345678901234"),
      "customer.phone must be at most 16 digits",
    ],
    [
      "email without @",
      at("customer.email", "anton.example.com"),
      "customer.email must be a valid email address",
    ],
    [
      "email of 401 chars",
      at("customer.email", `${long(389)}@example.com`),
      "customer.email must be at most 400 characters",
    ],
    [
      "city as a number",
      at("shipping_address.city", 123),
      "shipping_address.city must be a string",
    ],
    [
      "alpha-2 country",
      at("shipping_address.country_code", "ID"),
      "shipping_address.country_code must be an ISO 3166-1 alpha-3 code such as IDN",
    ],
    [
      "lower-case country",
      at("shipping_address.country_code", "idn"),
      "shipping_address.country_code must be an ISO 3166-1 alpha-3 code such as IDN",
    ],
    ["sellers not an array", at("sellers", { name: "x" }), "sellers must be an array"],
    [
      "seller country code",
      at("sellers", [{ name: "x", address: { country_code: "Indonesia" } }]),
      "sellers[0].address.country_code must be an ISO 3166-1 alpha-3 code such as IDN",
    ],
    [
      "override url on another path",
      at("additional_info", { override_notification_url: "https://other.example/webhooks/doku" }),
      "additional_info.override_notification_url must keep the configured notification path /api/doku/notifications",
    ],
    [
      "override url not a URL",
      at("additional_info", { override_notification_url: "other.example/api/doku/notifications" }),
      "additional_info.override_notification_url must be an absolute http(s) URL",
    ],
  ];

  it.each(cases)("%s → 400", async (_name, mutate, message) => {
    const { res, json } = await send(mutate);
    expect(res.status).toBe(400);
    expect(json).toEqual({
      error: { code: "invalid_parameter", message, type: "invalid_request" },
    });
  });

  it("Σ(price × quantity) must equal order.amount", async () => {
    const { res, json } = await send(at("order.amount", 340_000));
    expect(res.status).toBe(400);
    expect((json.error as Json).message).toMatch(
      /^order\.amount must equal the sum .*\(335000\), got 340000$/,
    );
  });

  it("a body that is not JSON, or not an object, is refused", async () => {
    const broken = await post('{"order":');
    expect(broken.res.status).toBe(400);
    expect(broken.json).toMatchObject({
      error: { code: "invalid_parameter", message: "body must be valid JSON (UTF-8)" },
    });
    const array = await post("[]");
    expect(array.json).toMatchObject({ error: { message: "body must be an object" } });
  });

  it("accepts unknown extra fields and an override on another host with the same path", async () => {
    const { res, json } = await send((b) => {
      b.extra = { anything: true };
      b.additional_info = {
        override_notification_url: "https://tunnel.example/api/doku/notifications",
      };
    });
    expect(res.status).toBe(200);
    expect(json.additional_info).toEqual({
      override_notification_url: "https://tunnel.example/api/doku/notifications",
    });
  });
});

describe("generate-order: authentication", () => {
  const body = () => JSON.stringify(validOrder());

  it("unknown Client-Id → 401 invalid_client_id (signed)", async () => {
    const { res, json, text, requestId } = await post(body(), { clientId: "MCH-SOMEONE-ELSE" });
    expect(res.status).toBe(401);
    expect(json).toMatchObject({
      error: { code: "invalid_client_id", type: "authentication_error" },
    });
    expect(res.headers.get("Client-Id")).toBe("MCH-SOMEONE-ELSE");
    expect(
      responseSignatureValid(res, text, {
        requestId,
        path: GENERATE_ORDER,
        clientId: "MCH-SOMEONE-ELSE",
      }),
    ).toBe(true);
  });

  it("wrong secret → 401 invalid_signature", async () => {
    const { res, json } = await post(body(), { secretKey: "SK-WRONG" });
    expect(res.status).toBe(401);
    expect(json).toMatchObject({ error: { code: "invalid_signature" } });
  });

  it("body changed after signing (re-serialised) → 401 invalid_signature", async () => {
    const original = body();
    const requestId = randomUUID();
    const timestamp = dokuTimestamp();
    const signed = signedRequest(BASE, {
      path: GENERATE_ORDER,
      body: original,
      requestId,
      timestamp,
    });
    const pretty = JSON.stringify(JSON.parse(original), null, 2);
    const res = await sandbox.app.request(
      new Request(signed.url, { method: "POST", headers: signed.headers, body: pretty }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_signature" } });
  });

  it("Request-Target is the path: a signature over another path fails", async () => {
    const signedForOtherPath = signedRequest(BASE, {
      path: "/kredivo-peer-to-peer/v1/generate-order",
      body: body(),
    });
    const res = await sandbox.app.request(
      new Request(`${BASE}${GENERATE_ORDER}`, {
        method: "POST",
        headers: signedForOtherPath.headers,
        body: await signedForOtherPath.text(),
      }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_signature" } });
  });

  it("timestamp 6 minutes old, 6 minutes ahead, or with milliseconds → 401 invalid_timestamp", async () => {
    for (const timestamp of [
      dokuTimestamp(new Date(Date.now() - 6 * 60_000)),
      dokuTimestamp(new Date(Date.now() + 6 * 60_000)),
      new Date().toISOString(),
      "2021-07-07 08:45:42",
    ]) {
      const { res, json } = await post(body(), { timestamp });
      expect(res.status, timestamp).toBe(401);
      expect(json).toMatchObject({ error: { code: "invalid_timestamp" } });
    }
    const fourMinutes = await post(body(), {
      timestamp: dokuTimestamp(new Date(Date.now() - 4 * 60_000)),
    });
    expect(fourMinutes.res.status).toBe(200);
  });

  it("Request-Id longer than 128 characters → 400", async () => {
    const { res, json } = await post(body(), { requestId: "r".repeat(129) });
    expect(res.status).toBe(400);
    expect(json).toMatchObject({
      error: { code: "invalid_parameter", message: "Request-Id must be at most 128 characters" },
    });
  });

  it("Content-Type other than application/json → 400", async () => {
    const { res, json } = await post(body(), { contentType: "text/plain" });
    expect(res.status).toBe(400);
    expect(json).toMatchObject({ error: { message: "Content-Type must be application/json" } });
  });
});

describe("generate-order: idempotency", () => {
  it("the same Request-Id and body → 409 with the original body, signed again", async () => {
    const body = JSON.stringify(validOrder());
    const first = await post(body);
    expect(first.res.status).toBe(200);
    const again = await post(body, { requestId: first.requestId });
    expect(again.res.status).toBe(409);
    expect(again.text).toBe(first.text);
    expect(
      responseSignatureValid(again.res, again.text, {
        requestId: first.requestId,
        path: GENERATE_ORDER,
      }),
    ).toBe(true);
    expect(sandbox.state.orders.size).toBeGreaterThan(0);
  });

  it("the same Request-Id with a different body → 409 duplicate_request_id", async () => {
    const first = await post(JSON.stringify(validOrder()));
    const other = await post(JSON.stringify(validOrder()), { requestId: first.requestId });
    expect(other.res.status).toBe(409);
    expect(other.json).toMatchObject({ error: { code: "duplicate_request_id" } });
  });

  it("a rejected request is remembered too: replay gets its 400 body with 409", async () => {
    const body = JSON.stringify({ ...validOrder(), customer: undefined });
    const first = await post(body);
    expect(first.res.status).toBe(400);
    const again = await post(body, { requestId: first.requestId });
    expect(again.res.status).toBe(409);
    expect(again.text).toBe(first.text);
  });

  it("a used invoice number under a new Request-Id → 409 duplicate_invoice_number", async () => {
    const invoice = uniqueInvoice();
    expect((await post(JSON.stringify(validOrder(invoice)))).res.status).toBe(200);
    const dup = await post(JSON.stringify(validOrder(invoice)));
    expect(dup.res.status).toBe(409);
    expect(dup.json).toMatchObject({
      error: { code: "duplicate_invoice_number", type: "invalid_request" },
    });
  });
});

describe("generate-order: success", () => {
  it("answers 200 in the reference shape, signed over the exact bytes", async () => {
    const body = validOrder();
    body.peer_to_peer_info.expired_time = 90;
    const { res, text, json, requestId } = await post(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("Client-Id")).toBe(CLIENT_ID);
    expect(res.headers.get("Request-Id")).toBe(requestId);
    expect(res.headers.get("Response-Timestamp")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(responseSignatureValid(res, text, { requestId, path: GENERATE_ORDER })).toBe(true);

    expect(Object.keys(json)).toEqual(["order", "payment", "peer_to_peer_info"]);
    expect(json.order).toEqual({ amount: 335_000, invoice_number: body.order.invoice_number });
    const payment = json.payment as { status: string; url: string };
    expect(payment.status).toBe("PENDING");
    expect(payment.url).toMatch(/^http:\/\/kredivo\.test:4010\/kredivo\/signIn\?tk=[0-9a-f-]{36}$/);

    const p2p = json.peer_to_peer_info as Record<string, string> & { identifier: unknown };
    expect(p2p.identifier).toEqual([
      {
        name: "KREDIVO_ORDER_ID",
        value: expect.stringMatching(new RegExp(`^\\d{17}MUR-${body.order.invoice_number}$`)),
      },
    ]);
    expect(p2p.merchant_unique_reference).toBe(body.peer_to_peer_info.merchant_unique_reference);
    const created = new Date(p2p.created_date_utc as string);
    const expires = new Date(p2p.expired_date_utc as string);
    expect(p2p.created_date_utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(expires.getTime() - created.getTime()).toBe(90 * 60_000);
    // As DOKU's sample prints them: yyyyMMddHHmmss in WIB (UTC+7), and the `_utc` fields with the
    // same clock time and a Z (its table calls them "UTC+7" too).
    const compact = (iso: string) => iso.slice(0, 19).replace(/\D/g, "");
    expect(p2p.created_date).toBe(compact(p2p.created_date_utc as string));
    expect(p2p.expired_date).toBe(compact(p2p.expired_date_utc as string));
    const wibNow = new Date(Date.now() + 7 * 3_600_000);
    expect(Math.abs(created.getTime() - wibNow.getTime())).toBeLessThan(60_000);
  });

  it("defaults expired_time to 1440 minutes", async () => {
    const body = validOrder();
    delete (body.peer_to_peer_info as { expired_time?: number }).expired_time;
    const { json } = await post(JSON.stringify(body));
    const p2p = json.peer_to_peer_info as Record<string, string>;
    expect(
      Date.parse(p2p.expired_date_utc as string) - Date.parse(p2p.created_date_utc as string),
    ).toBe(1440 * 60_000);
  });
});
