// Verifies a DOKU HTTP notification from the raw bytes and headers exactly as received. Pure
// (configuration comes in as arguments) so the route, the tests and the benchmarks share it.
import { z } from "zod";
import { notificationSchema, type DokuNotification } from "./schemas";
import { requestComponents, verifySignature } from "./signature";

export interface NotificationConfig {
  clientId: string;
  secretKey: string;
  /** The merchant's own notification path: DOKU signs it as Request-Target. */
  notificationPath: string;
}

export interface NotificationHeaders {
  clientId: string | null;
  requestId: string | null;
  requestTimestamp: string | null;
  signature: string | null;
}

export type NotificationVerdict =
  | { ok: true; requestId: string; headers: NotificationHeaders; notification: DokuNotification }
  | {
      ok: false;
      status: 400 | 401;
      reason: "missing_header" | "client_id" | "signature" | "json" | "schema";
      message: string;
      headers: NotificationHeaders;
      /** Set once the signature has been checked: lets the caller tell forged from malformed. */
      signatureValid: boolean | null;
    };

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** Header lookup that ignores case, for both fetch `Headers` and node's plain objects. */
function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(source)) {
    if (key.toLowerCase() === wanted)
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  }
  return null;
}

export function readNotificationHeaders(source: HeaderSource): NotificationHeaders {
  return {
    clientId: header(source, "client-id"),
    requestId: header(source, "request-id"),
    requestTimestamp: header(source, "request-timestamp"),
    signature: header(source, "signature"),
  };
}

/**
 * Order of checks: headers, Client-Id, signature over the raw bytes, then JSON and schema. The
 * timestamp is deliberately not checked for freshness: DOKU retries hours later with the same
 * headers, and replays are stopped by the Request-Id inbox instead (docs/reliability.md).
 */
export function verifyNotification(
  rawBody: string | Uint8Array,
  source: HeaderSource,
  config: NotificationConfig,
  /** `rawBody` as text, when the caller has decoded it already (to store it): not decoded twice. */
  text?: string,
): NotificationVerdict {
  const headers = readNotificationHeaders(source);
  const reject = (
    status: 400 | 401,
    reason: Extract<NotificationVerdict, { ok: false }>["reason"],
    message: string,
    signatureValid: boolean | null,
  ): NotificationVerdict => ({ ok: false, status, reason, message, headers, signatureValid });

  const missing = (Object.entries(headers) as [keyof NotificationHeaders, string | null][])
    .filter(([, value]) => !value)
    .map(([name]) => HEADER_NAMES[name]);
  if (missing.length > 0) {
    return reject(
      missing.includes("Signature") ? 401 : 400,
      "missing_header",
      `missing header(s): ${missing.join(", ")}`,
      null,
    );
  }
  const { clientId, requestId, requestTimestamp, signature } = headers as Record<
    keyof NotificationHeaders,
    string
  >;
  if (requestId.length > 128)
    return reject(400, "missing_header", "Request-Id is longer than 128 characters", null);
  if (clientId !== config.clientId) return reject(401, "client_id", "unknown Client-Id", null);

  const components = requestComponents({
    clientId,
    requestId,
    requestTimestamp,
    requestTarget: config.notificationPath,
    body: rawBody,
  });
  if (!verifySignature(components, signature, config.secretKey)) {
    return reject(401, "signature", "signature does not match", false);
  }

  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === "string" ? rawBody : (text ?? utf8(rawBody)));
  } catch {
    return reject(400, "json", "body is not valid JSON", true);
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) {
    return reject(400, "schema", z.prettifyError(parsed.error).replace(/\n/g, "; "), true);
  }
  return { ok: true, requestId, headers, notification: parsed.data };
}

/** The bytes as text, without copying them first. */
export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

const HEADER_NAMES: Record<keyof NotificationHeaders, string> = {
  clientId: "Client-Id",
  requestId: "Request-Id",
  requestTimestamp: "Request-Timestamp",
  signature: "Signature",
};
