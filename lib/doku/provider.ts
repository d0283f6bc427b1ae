// DOKU × Kredivo as the payment core's provider (lib/payments/provider.ts): the one place that
// turns the core's requests into DOKU calls and DOKU's answers and notifications back into
// neutral updates. Configuration comes from lib/env.
import "server-only";
import { env } from "@/lib/env";
import type { InboundVerdict, PaymentProvider, ProviderCall } from "@/lib/payments/provider";
import {
  createDokuClient,
  redactSignature,
  type DokuClient,
  type DokuError,
  type DokuResult,
} from "./client";
import { buildGenerateOrderRequest } from "./generate-order-body";
import {
  verifyNotification,
  type HeaderSource,
  type NotificationConfig,
  type NotificationHeaders,
} from "./notification";
import { generateOrderRequestSchema, kredivoOrderId, paymentExpiry } from "./schemas";
import { paymentUpdate } from "./translate";

/** The same for each stored header value (a real one is under 100 characters). */
const MAX_HEADER_CHARS = 200;
const clip = (value: string, max: number) =>
  value.length > max ? `${value.slice(0, max)}…` : value;

/** For the merchant: what went wrong, precisely. The shopper sees a plain message instead. */
export function describeDokuError(error: DokuError): string {
  switch (error.kind) {
    case "timeout":
      return `timeout: no answer from DOKU within ${error.timeoutMs} ms`;
    case "network":
      return `network: ${error.message}`;
    case "http":
      return `http_${error.status}: ${error.code ?? "no error code"}${error.message ? ` — ${error.message}` : ""}`;
    case "bad_signature":
      return `bad_signature: DOKU's response signature did not verify (${error.check.problem})`;
    case "bad_response":
      return `bad_response: ${error.issues}`;
    case "payment_failed":
      return "payment_failed: DOKU answered payment.status FAILED";
  }
}

function failed<T>(result: Extract<DokuResult<unknown>, { ok: false }>): ProviderCall<T> {
  const { error } = result;
  const httpStatus =
    error.kind === "http" || error.kind === "bad_signature" || error.kind === "bad_response"
      ? error.status
      : result.exchange.status;
  return {
    ok: false,
    kind: error.kind,
    reason: describeDokuError(error),
    httpStatus,
    exchange: result.exchange,
  };
}

function storedHeaders(h: NotificationHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.clientId) out["Client-Id"] = clip(h.clientId, MAX_HEADER_CHARS);
  if (h.requestId) out["Request-Id"] = clip(h.requestId, MAX_HEADER_CHARS);
  if (h.requestTimestamp) out["Request-Timestamp"] = clip(h.requestTimestamp, MAX_HEADER_CHARS);
  if (h.signature) out.Signature = redactSignature(h.signature);
  return out;
}

let client: DokuClient | undefined;

/** The configured DOKU client of this process (also used directly by `npm run doku:doctor`). */
export function doku(): DokuClient {
  const e = env();
  client ??= createDokuClient({
    baseUrl: e.DOKU_BASE_URL,
    clientId: e.DOKU_CLIENT_ID,
    secretKey: e.DOKU_SECRET_KEY,
    timeoutMs: e.DOKU_TIMEOUT_MS,
    responseSignature: e.DOKU_RESPONSE_SIGNATURE,
  });
  return client;
}

export function notificationConfig(): NotificationConfig {
  const e = env();
  return {
    clientId: e.DOKU_CLIENT_ID,
    secretKey: e.DOKU_SECRET_KEY,
    notificationPath: e.DOKU_NOTIFICATION_PATH,
  };
}

export const dokuKredivo: PaymentProvider = {
  async startPayment(order, attempt) {
    const e = env();
    const body = buildGenerateOrderRequest(order, attempt, {
      appBaseUrl: e.APP_BASE_URL,
      expiryMinutes: e.PAYMENT_EXPIRY_MINUTES,
      overrideNotificationUrl: e.DOKU_OVERRIDE_NOTIFICATION_URL,
    });
    // Our own bug must not reach DOKU: the body is checked against the contract before sending.
    const valid = generateOrderRequestSchema.safeParse(body);
    if (!valid.success) {
      const reason = `invalid_request: ${valid.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`;
      return { ok: false, kind: "invalid_request", reason, httpStatus: null, exchange: null };
    }
    const result = await doku().generateOrder(body, { requestId: attempt.requestId });
    if (!result.ok) return failed(result);
    const { data } = result;
    return {
      ok: true,
      verified: result.verified,
      exchange: result.exchange,
      value: {
        // The response schema requires a URL whenever payment.status is not FAILED.
        paymentUrl: data.payment.url!,
        providerRef: kredivoOrderId(data.peer_to_peer_info),
        expiresAt: paymentExpiry(data.peer_to_peer_info),
      },
    };
  },

  async checkStatus(invoiceNumber) {
    const result = await doku().checkStatus(invoiceNumber);
    if (!result.ok) return failed(result);
    return {
      ok: true,
      verified: result.verified,
      exchange: result.exchange,
      value: paymentUpdate(result.data),
    };
  },

  readNotification(rawBytes: Uint8Array, source: HeaderSource): InboundVerdict {
    const verdict = verifyNotification(rawBytes, source, notificationConfig());
    const h = verdict.headers;
    const headers = {
      requestId: h.requestId === null ? null : clip(h.requestId, 128),
      stored: storedHeaders(h),
    };
    if (!verdict.ok) return { ...verdict, headers };
    return {
      ok: true,
      requestId: verdict.requestId,
      update: paymentUpdate(verdict.notification),
      headers,
    };
  },
};
