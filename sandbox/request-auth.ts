// Header checks shared by generate-order and check status, in the order DOKU would reject:
// who is calling, which request, when, and whether the signature covers exactly what arrived.
import { requestComponents, verifySignature } from "../lib/doku/signature";
import { parseDokuTimestamp } from "./time";

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface AuthInput {
  headers: Headers;
  /** Path only, as received (still percent-encoded): what the merchant signed. */
  target: string;
  /** Exact body bytes for POST; null for GET (no Digest line). */
  body: Uint8Array | null;
  clientId: string;
  secretKey: string;
  now: Date;
}

export type AuthResult =
  | { ok: true; clientId: string; requestId: string }
  | {
      ok: false;
      status: 400 | 401;
      code: string;
      message: string;
      /** What to echo and sign the error over: whatever the caller sent. */
      clientId: string;
      requestId: string;
    };

export function authenticate(input: AuthInput): AuthResult {
  const clientId = input.headers.get("client-id") ?? "";
  const requestId = input.headers.get("request-id") ?? "";
  const timestamp = input.headers.get("request-timestamp") ?? "";
  const fail = (status: 400 | 401, code: string, message: string): AuthResult => ({
    ok: false,
    status,
    code,
    message,
    clientId,
    requestId,
  });

  if (clientId === "") return fail(401, "invalid_client_id", "Client-Id header is required");
  if (clientId !== input.clientId) return fail(401, "invalid_client_id", "Client-Id is not known");
  if (requestId.trim() === "")
    return fail(400, "invalid_parameter", "Request-Id header is required");
  if (requestId.length > 128)
    return fail(400, "invalid_parameter", "Request-Id must be at most 128 characters");

  const sent = parseDokuTimestamp(timestamp);
  if (!sent) {
    return fail(
      401,
      "invalid_timestamp",
      "Request-Timestamp must be UTC with second precision, e.g. 2021-07-07T08:45:42Z",
    );
  }
  if (Math.abs(input.now.getTime() - sent.getTime()) > MAX_CLOCK_SKEW_MS) {
    return fail(
      401,
      "invalid_timestamp",
      "Request-Timestamp is more than 5 minutes from DOKU's clock",
    );
  }

  const components = requestComponents({
    clientId,
    requestId,
    requestTimestamp: timestamp,
    requestTarget: input.target,
    body: input.body,
  });
  if (!verifySignature(components, input.headers.get("signature"), input.secretKey)) {
    return fail(401, "invalid_signature", "Signature does not match the request");
  }
  return { ok: true, clientId, requestId };
}
