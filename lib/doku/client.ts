// The app's only door to DOKU. Every call goes through `exchange()`, which owns the headers,
// the signature, the timeout, response verification and the raw record of what was said.
import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Exchange } from "@/lib/payments/provider";
import { observeDokuCall } from "./observe";
import { checkResponseSignature, type ResponseSignatureCheck } from "./response-signature";
import {
  checkStatusResponseSchema,
  errorEnvelopeSchema,
  generateOrderResponseSchema,
  type CheckStatusResponse,
  type GenerateOrderRequest,
  type GenerateOrderResponse,
} from "./schemas";
import { dokuTimestamp, signRequest } from "./signature";

export const GENERATE_ORDER_PATH = "/kredivo-peer-to-peer/v2/generate-order";
export const checkStatusPath = (invoiceNumber: string) =>
  `/orders/v1/status/${encodeURIComponent(invoiceNumber)}`;

/**
 * `enforce`: an answer whose signature does not verify is a failure. `report`: it is still read,
 * and comes back marked unverified, for the caller to record and flag (a generate-order answer is
 * followed; a Check Status answer never changes an order).
 */
export type ResponseSignaturePolicy = "enforce" | "report";

export interface DokuClientConfig {
  baseUrl: string;
  clientId: string;
  secretKey: string;
  timeoutMs?: number;
  responseSignature?: ResponseSignaturePolicy;
  fetch?: typeof fetch;
}

/**
 * What was sent and received, for the audit log (the payment core's Exchange), with what the
 * response signature check compared. Never holds the secret or a whole signature.
 */
export type DokuExchange = Exchange & { signatureCheck: ResponseSignatureCheck | null };

export type DokuError =
  | { kind: "network"; message: string }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "http"; status: number; code: string | null; message: string | null }
  | { kind: "bad_signature"; status: number; check: ResponseSignatureCheck }
  | { kind: "bad_response"; status: number; issues: string }
  | { kind: "payment_failed"; data: GenerateOrderResponse };

export type DokuResult<T> =
  /** `verified` is false only under the `report` policy, for an answer whose signature failed. */
  | { ok: true; data: T; verified: boolean; exchange: DokuExchange }
  | { ok: false; error: DokuError; exchange: DokuExchange };

export interface DokuClient {
  generateOrder(
    body: GenerateOrderRequest,
    options?: { requestId?: string },
  ): Promise<DokuResult<GenerateOrderResponse>>;
  checkStatus(invoiceNumber: string): Promise<DokuResult<CheckStatusResponse>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Enough of a signature to tell two apart in the log; never enough to replay one. */
export function redactSignature(signature: string): string {
  return signature.length > 20 ? `${signature.slice(0, 20)}…` : signature;
}

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = name.toLowerCase() === "signature" ? redactSignature(value) : value;
  });
  return out;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
}

export function createDokuClient(config: DokuClientConfig): DokuClient {
  const fetchImpl = config.fetch ?? fetch;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = config.responseSignature ?? "enforce";
  const baseUrl = config.baseUrl.replace(/\/+$/, "");

  /** One call, inside its span and counted (./observe.ts); the work is `exchangeOnce`. */
  function exchange<S extends z.ZodType>(
    endpoint: "generate-order" | "check-status",
    method: "GET" | "POST",
    path: string,
    payload: unknown,
    schema: S,
    requestId: string,
  ): Promise<DokuResult<z.output<S>>> {
    return observeDokuCall(endpoint, method, () =>
      exchangeOnce(method, path, payload, schema, requestId),
    );
  }

  async function exchangeOnce<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    payload: unknown,
    schema: S,
    requestId: string,
  ): Promise<DokuResult<z.output<S>>> {
    // Serialised once: these exact bytes are hashed, signed and sent.
    const body = payload === undefined ? null : JSON.stringify(payload);
    const timestamp = dokuTimestamp();
    const signature = signRequest(
      {
        clientId: config.clientId,
        requestId,
        requestTimestamp: timestamp,
        requestTarget: path,
        body,
      },
      config.secretKey,
    );
    const headers: Record<string, string> = {
      "Client-Id": config.clientId,
      "Request-Id": requestId,
      "Request-Timestamp": timestamp,
      Signature: signature,
    };
    if (body !== null) headers["Content-Type"] = "application/json";

    const url = baseUrl + path;
    const startedAt = new Date();
    const started = performance.now();
    const record: DokuExchange = {
      requestId,
      method,
      url,
      requestHeaders: { ...headers, Signature: redactSignature(signature) },
      requestBody: body,
      status: null,
      responseHeaders: {},
      responseBody: null,
      signatureValid: null,
      signatureCheck: null,
      startedAt,
      durationMs: 0,
    };
    const fail = (error: DokuError): DokuResult<z.output<S>> => {
      record.durationMs = Math.round(performance.now() - started);
      return { ok: false, error, exchange: record };
    };

    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
        redirect: "error",
      });
      // The timeout covers the body too: a server that sends headers and then stalls is a timeout.
      text = await response.text();
    } catch (err) {
      const name = err instanceof Error ? err.name : "";
      if (name === "TimeoutError" || name === "AbortError")
        return fail({ kind: "timeout", timeoutMs });
      const cause =
        err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
      return fail({
        kind: "network",
        message: `${err instanceof Error ? err.message : String(err)}${cause}`,
      });
    }

    record.status = response.status;
    record.responseHeaders = headersToRecord(response.headers);
    record.responseBody = text;
    const check = checkResponseSignature({
      method,
      path,
      body: text,
      headers: response.headers,
      sent: { clientId: config.clientId, requestId },
      secretKey: config.secretKey,
    });
    record.signatureValid = check.valid;
    record.signatureCheck = check;

    if (response.status !== 200) {
      // An error answer is a failure whether or not it is signed; its text is only ever shown
      // to the merchant, so an unsigned envelope is still worth reading.
      const envelope = errorEnvelopeSchema.safeParse(safeJson(text));
      return fail({
        kind: "http",
        status: response.status,
        code: envelope.success ? (envelope.data.error.code ?? null) : null,
        message: envelope.success ? (envelope.data.error.message ?? null) : null,
      });
    }
    if (!check.valid && policy === "enforce")
      return fail({ kind: "bad_signature", status: response.status, check });

    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      return fail({
        kind: "bad_response",
        status: response.status,
        issues: describeIssues(parsed.error),
      });
    }
    record.durationMs = Math.round(performance.now() - started);
    return { ok: true, data: parsed.data, verified: check.valid, exchange: record };
  }

  return {
    async generateOrder(body, options) {
      const result = await exchange(
        "generate-order",
        "POST",
        GENERATE_ORDER_PATH,
        body,
        generateOrderResponseSchema,
        options?.requestId ?? randomUUID(),
      );
      if (!result.ok) return result;
      const { data } = result;
      if (data.payment.status === "FAILED" || !data.payment.url) {
        return { ok: false, error: { kind: "payment_failed", data }, exchange: result.exchange };
      }
      if (
        data.order.invoice_number !== body.order.invoice_number ||
        data.order.amount !== body.order.amount
      ) {
        return {
          ok: false,
          error: {
            kind: "bad_response",
            status: 200,
            issues: "order.invoice_number/amount do not match the request",
          },
          exchange: result.exchange,
        };
      }
      return result;
    },

    checkStatus(invoiceNumber) {
      return exchange(
        "check-status",
        "GET",
        checkStatusPath(invoiceNumber),
        undefined,
        checkStatusResponseSchema,
        randomUUID(),
      );
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
