// Every DOKU answer, success or error, is signed: a real client verifies each response, so an
// unsigned error would teach the app to skip verification on the unhappy path.
import { randomBytes } from "node:crypto";
import { dokuTimestamp, signResponse } from "../lib/doku/signature";
import type { SigningMode } from "./state";

export type ErrorType = "invalid_request" | "authentication_error" | "api_error";

export function errorBody(code: string, message: string, type: ErrorType): string {
  return JSON.stringify({ error: { code, message, type } });
}

export interface SignedJson {
  status: number;
  body: string;
  /** The request's own Client-Id and Request-Id, echoed and signed over. */
  clientId: string;
  requestId: string;
  /** The path that was called, exactly as received. */
  target: string;
  secretKey: string;
  now: Date;
  /** bad-signature fault: keep the body, break the Signature header. */
  badSignature?: boolean;
  method: string;
  mode: SigningMode;
}

export function signedJson(r: SignedJson): Response {
  if (r.mode === "unsigned")
    return new Response(r.body, {
      status: r.status,
      headers: { "Content-Type": "application/json" },
    });
  const responseTimestamp = dokuTimestamp(r.now);
  const withoutDigest = r.mode === "get-without-digest" && r.method === "GET";
  const signature = signResponse(
    {
      clientId: r.clientId,
      requestId: r.requestId,
      responseTimestamp,
      requestTarget: r.target,
      // A plausible forgery: right shape, signed over bytes the client did not receive.
      body: withoutDigest
        ? null
        : r.badSignature
          ? `${r.body}${randomBytes(8).toString("hex")}`
          : r.body,
    },
    r.secretKey,
  );
  return new Response(r.body, {
    status: r.status,
    headers: {
      "Client-Id": r.clientId,
      "Request-Id": r.requestId,
      "Response-Timestamp": responseTimestamp,
      Signature: signature,
      "Content-Type": "application/json",
    },
  });
}
