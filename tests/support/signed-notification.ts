// DOKU's HTTP notification as tests send it: a body for an invoice and status, and the headers
// DOKU signs over it for the unit-test app's configuration (or with another secret, a Client-Id
// or a path of its own, to forge or misaddress one). Every test that builds one uses this.
import { randomUUID } from "node:crypto";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { TEST_DOKU } from "./app-db";

export interface SignOptions {
  secret?: string;
  clientId?: string;
  /** The Request-Target signed: the notification path, unless a test misaddresses it. */
  path?: string;
  requestId?: string;
  requestTimestamp?: string;
}

export function signedHeaders(
  body: string,
  secretOrOptions: string | SignOptions = {},
): { headers: Headers; requestId: string } {
  const o = typeof secretOrOptions === "string" ? { secret: secretOrOptions } : secretOrOptions;
  const clientId = o.clientId ?? TEST_DOKU.clientId;
  const requestId = o.requestId ?? randomUUID();
  const requestTimestamp = o.requestTimestamp ?? dokuTimestamp();
  const headers = new Headers({
    "Client-Id": clientId,
    "Request-Id": requestId,
    "Request-Timestamp": requestTimestamp,
    Signature: signRequest(
      {
        clientId,
        requestId,
        requestTimestamp,
        requestTarget: o.path ?? TEST_DOKU.notificationPath,
        body,
      },
      o.secret ?? TEST_DOKU.secretKey,
    ),
  });
  return { headers, requestId };
}

/** The body of a Kredivo notification: the fields the app reads, as DOKU's envelope carries them. */
export function notificationBody(invoice: string, amount: number, status = "SUCCESS"): string {
  return JSON.stringify({
    service: { id: "PEER_TO_PEER" },
    acquirer: { id: "KREDIVO" },
    channel: { id: "PEER_TO_PEER_KREDIVO" },
    order: { invoice_number: invoice, amount },
    transaction: { status, date: dokuTimestamp(), original_request_id: randomUUID() },
  });
}

export const successBody = (invoice: string, amount: number) =>
  notificationBody(invoice, amount, "SUCCESS");

/** A whole signed notification: `body` as bytes (what the route reads), headers, Request-Id. */
export function signedNotification(
  target: { invoice: string; amount: number },
  status: string,
  options: SignOptions & { amount?: number } = {},
): { body: Buffer; text: string; headers: Headers; requestId: string } {
  const text = notificationBody(target.invoice, options.amount ?? target.amount, status);
  const { headers, requestId } = signedHeaders(text, options);
  return { body: Buffer.from(text), text, headers, requestId };
}
