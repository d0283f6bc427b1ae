// The headers DOKU sends with a notification, signed over `body` for the unit-test app's
// configuration (or with another secret, to forge one).
import { randomUUID } from "node:crypto";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { TEST_DOKU } from "./app-db";

export function signedHeaders(body: string, secret = TEST_DOKU.secretKey): { headers: Headers; requestId: string } {
  const requestId = randomUUID();
  const requestTimestamp = dokuTimestamp();
  const headers = new Headers({
    "Client-Id": TEST_DOKU.clientId,
    "Request-Id": requestId,
    "Request-Timestamp": requestTimestamp,
    Signature: signRequest({ clientId: TEST_DOKU.clientId, requestId, requestTimestamp, requestTarget: TEST_DOKU.notificationPath, body }, secret),
  });
  return { headers, requestId };
}

export const successBody = (invoice: string, amount: number) =>
  JSON.stringify({ order: { invoice_number: invoice, amount }, transaction: { status: "SUCCESS", date: dokuTimestamp(), original_request_id: randomUUID() } });
