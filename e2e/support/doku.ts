// Playing DOKU from a test: sign a notification exactly as DOKU would (or almost, on purpose)
// and post it to the app's notification endpoint.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { E2E } from "./env";

export const NOTIFICATION_URL = `${E2E.appUrl}${E2E.env.DOKU_NOTIFICATION_PATH}`;

export type NotificationHeaders = {
  "Client-Id": string;
  "Request-Id": string;
  "Request-Timestamp": string;
  Signature: string;
  "Content-Type": string;
};

/** DOKU's notification envelope for one invoice. */
export function notificationBody(n: {
  invoice: string;
  amount: number | string;
  status: "SUCCESS" | "FAILED";
  originalRequestId?: string;
}): Record<string, unknown> {
  return {
    service: { id: "PEER_TO_PEER" },
    acquirer: { id: "KREDIVO" },
    channel: { id: "PEER_TO_PEER_KREDIVO" },
    order: { invoice_number: n.invoice, amount: n.amount },
    transaction: {
      status: n.status,
      date: dokuTimestamp(),
      original_request_id: n.originalRequestId ?? randomUUID(),
    },
  };
}

/** Headers for `body` (the exact bytes to send), signed with the e2e secret over the notification path. */
export function signNotification(
  body: string,
  overrides: { requestId?: string; timestamp?: string; clientId?: string } = {},
): NotificationHeaders {
  const requestId = overrides.requestId ?? randomUUID();
  const timestamp = overrides.timestamp ?? dokuTimestamp();
  const clientId = overrides.clientId ?? E2E.env.DOKU_CLIENT_ID;
  return {
    "Client-Id": clientId,
    "Request-Id": requestId,
    "Request-Timestamp": timestamp,
    Signature: signRequest(
      {
        clientId,
        requestId,
        requestTimestamp: timestamp,
        requestTarget: E2E.env.DOKU_NOTIFICATION_PATH,
        body,
      },
      E2E.env.DOKU_SECRET_KEY,
    ),
    "Content-Type": "application/json",
  };
}

/** POSTs exactly `body` with `headers`; answers the status and the parsed JSON answer. */
export async function postNotification(
  request: APIRequestContext,
  body: string,
  headers: Partial<NotificationHeaders> & Record<string, string>,
): Promise<{ response: APIResponse; status: number; json: { ok?: boolean; outcome?: string } }> {
  // A Buffer, so Playwright sends the bytes as they are (a string that is not valid JSON would
  // be JSON-encoded again under a JSON content type).
  const response = await request.post(NOTIFICATION_URL, {
    data: Buffer.from(body, "utf8"),
    headers,
    maxRedirects: 0,
  });
  const text = await response.text();
  let json: { ok?: boolean; outcome?: string } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // A non-JSON answer is asserted by the caller through `status`.
  }
  return { response, status: response.status(), json };
}
