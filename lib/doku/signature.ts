// DOKU Non-SNAP signatures (HMAC-SHA256 over a component string). Pure: no env, no I/O, no
// `server-only`, so the app, the local sandbox and the tests prove themselves against the same
// vectors.
import * as crypto from "node:crypto";

export const SIGNATURE_PREFIX = "HMACSHA256=";

const { createHash, createHmac, timingSafeEqual } = crypto;
// One-shot hashing (Node ≥ 20.12) skips building a Hash object: it is on every notification.
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "base64") => string }
).hash;

/** base64(SHA-256(body)) over the exact bytes sent or received; never re-serialise JSON first. */
export function digest(body: string | Uint8Array): string {
  return oneShot
    ? oneShot("sha256", body, "base64")
    : createHash("sha256").update(body).digest("base64");
}

export interface RequestComponents {
  clientId: string;
  requestId: string;
  requestTimestamp: string;
  /** Path only, e.g. `/kredivo-peer-to-peer/v2/generate-order`. */
  requestTarget: string;
  /** The body for POST; omit (or null) for GET, which drops the Digest line. */
  body?: string | Uint8Array | null;
}

export interface ResponseComponents {
  clientId: string;
  requestId: string;
  responseTimestamp: string;
  requestTarget: string;
  /** The response body; null drops the Digest line (one reading of DOKU for a GET's answer). */
  body: string | Uint8Array | null;
}

function join(lines: string[]): string {
  return lines.join("\n");
}

/** Component string for a merchant → DOKU request, or a DOKU → merchant notification. */
export function requestComponents(c: RequestComponents): string {
  const lines = [
    `Client-Id:${c.clientId}`,
    `Request-Id:${c.requestId}`,
    `Request-Timestamp:${c.requestTimestamp}`,
    `Request-Target:${c.requestTarget}`,
  ];
  if (c.body !== undefined && c.body !== null) lines.push(`Digest:${digest(c.body)}`);
  return join(lines);
}

/** Component string for DOKU's answer: the third line is the response's own timestamp. */
export function responseComponents(c: ResponseComponents): string {
  return join([
    `Client-Id:${c.clientId}`,
    `Request-Id:${c.requestId}`,
    `Response-Timestamp:${c.responseTimestamp}`,
    `Request-Target:${c.requestTarget}`,
    ...(c.body === null ? [] : [`Digest:${digest(c.body)}`]),
  ]);
}

/** `HMACSHA256=` + base64(HMAC-SHA256(secretKey, componentString)). */
export function sign(componentString: string, secretKey: string): string {
  return (
    SIGNATURE_PREFIX + createHmac("sha256", secretKey).update(componentString).digest("base64")
  );
}

export function signRequest(c: RequestComponents, secretKey: string): string {
  return sign(requestComponents(c), secretKey);
}

export function signResponse(c: ResponseComponents, secretKey: string): string {
  return sign(responseComponents(c), secretKey);
}

/**
 * Constant-time check of a received `Signature` header against the one we compute; a missing
 * header is simply false. A length mismatch returns early: it reveals only that the received value
 * is not 55 characters long, and every valid signature is (the prefix and 44 of base64).
 */
export function verifySignature(
  componentString: string,
  received: string | null | undefined,
  secretKey: string,
): boolean {
  if (!received) return false;
  const expected = Buffer.from(sign(componentString, secretKey));
  const actual = Buffer.from(received.trim());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** DOKU timestamps: UTC, second precision, `Z` (never local WIB time). */
export function dokuTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
