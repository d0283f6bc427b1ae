// POST /kredivo-peer-to-peer/v2/generate-order: DOKU's checks in DOKU's order: authentication,
// Request-Id idempotency, then the body, then business rules.
import { randomInt, randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { digest } from "../lib/doku/signature";
import type { SandboxContext } from "./context";
import { takeRequestFault } from "./faults";
import { validateGenerateOrder, type GenerateOrderRequest } from "./order-schema";
import { openSignedRequest } from "./signed-endpoint";
import { errorBody } from "./signed-response";
import type { SandboxOrder } from "./state";
import { sleep, wibClockWithZ, wibCompact } from "./time";

export const GENERATE_ORDER_PATH = "/kredivo-peer-to-peer/v2/generate-order";
const DEFAULT_EXPIRED_TIME_MIN = 1440;

interface Outcome {
  status: number;
  body: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function registerGenerateOrder(app: Hono, ctx: SandboxContext): void {
  const { state } = ctx;

  app.post(GENERATE_ORDER_PATH, async (c) => {
    // The raw bytes, read once: the signature and the idempotency key are over exactly these.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const opened = openSignedRequest(ctx, c.req.raw, "generate-order", bytes);
    if (!opened.ok) return opened.response;
    const { auth, respond } = opened;

    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return respond(
        400,
        errorBody("invalid_parameter", "Content-Type must be application/json", "invalid_request"),
        auth,
      );
    }

    const bodyDigest = digest(bytes);
    const previous = state.requests.get(auth.requestId);
    if (previous) {
      // DOKU idempotency: the same request again gets the original answer, flagged 409.
      if (previous.bodyDigest === bodyDigest) return respond(409, previous.body, auth);
      return respond(
        409,
        errorBody(
          "duplicate_request_id",
          `Request-Id ${auth.requestId} was already used with a different body`,
          "invalid_request",
        ),
        auth,
      );
    }

    const fault = takeRequestFault(state.faults, "generate-order");
    if (fault?.kind === "error500") {
      return respond(
        500,
        errorBody("internal_error", "DOKU sandbox: simulated internal error", "api_error"),
        auth,
      );
    }

    const outcome = createOrder(
      ctx,
      bytes,
      auth.requestId,
      c.req.url,
      fault?.kind === "failed-status",
    );
    state.requests.set(auth.requestId, { bodyDigest, ...outcome });

    if (fault?.kind === "timeout") {
      // Processed first, answered late: the order exists even if the merchant gives up waiting,
      // which is the case check status and Request-Id replay exist for.
      await sleep(fault.ms, AbortSignal.any([c.req.raw.signal, state.signal]));
    }
    ctx.log(
      `[generate-order] ${outcome.status} Request-Id ${auth.requestId}${fault ? ` (fault ${fault.kind})` : ""}: ${outcome.body}`,
    );
    return respond(outcome.status, outcome.body, auth, fault?.kind === "bad-signature");
  });
}

function createOrder(
  ctx: SandboxContext,
  bytes: Uint8Array,
  requestId: string,
  requestUrl: string,
  answerFailed: boolean,
): Outcome {
  const { config, state } = ctx;
  const invalid = (message: string): Outcome => ({
    status: 400,
    body: errorBody("invalid_parameter", message, "invalid_request"),
  });

  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    return invalid("body must be valid JSON (UTF-8)");
  }
  const validation = validateGenerateOrder(json, config.notificationUrl);
  if (!validation.ok) return invalid(validation.message);
  const request = validation.data;

  if (state.orders.has(request.order.invoice_number)) {
    return {
      status: 409,
      body: errorBody(
        "duplicate_invoice_number",
        `order.invoice_number ${request.order.invoice_number} has already been used`,
        "invalid_request",
      ),
    };
  }

  const now = state.now();
  const expiredMinutes = request.peer_to_peer_info.expired_time ?? DEFAULT_EXPIRED_TIME_MIN;
  const expiresAt = new Date(now.getTime() + expiredMinutes * 60_000);
  const token = answerFailed ? null : randomUUID();
  const order: SandboxOrder = {
    invoiceNumber: request.order.invoice_number,
    amount: request.order.amount,
    status: answerFailed ? "FAILED" : "PENDING",
    requestId,
    merchantUniqueReference: request.peer_to_peer_info.merchant_unique_reference,
    kredivoOrderId: kredivoOrderId(request),
    token,
    paymentUrl: token ? `${ctx.publicUrl(requestUrl)}/kredivo/signIn?tk=${token}` : null,
    callbackUrl: request.order.callback_url,
    callbackUrlCancel: request.order.callback_url_cancel ?? null,
    notificationUrl: request.additional_info?.override_notification_url ?? config.notificationUrl,
    createdAt: now,
    expiresAt,
    statusChangedAt: answerFailed ? now : null,
    tenor: null,
    request,
  };
  state.orders.set(order.invoiceNumber, order);

  const echo = request.additional_info ? { additional_info: request.additional_info } : {};
  if (answerFailed) {
    return {
      status: 200,
      body: JSON.stringify({
        order: { amount: order.amount, invoice_number: order.invoiceNumber },
        payment: { status: "FAILED" },
        peer_to_peer_info: { merchant_unique_reference: order.merchantUniqueReference },
        ...echo,
      }),
    };
  }
  return {
    status: 200,
    body: JSON.stringify({
      order: { amount: order.amount, invoice_number: order.invoiceNumber },
      payment: { status: "PENDING", url: order.paymentUrl },
      peer_to_peer_info: {
        identifier: [{ name: "KREDIVO_ORDER_ID", value: order.kredivoOrderId }],
        created_date: wibCompact(now),
        expired_date: wibCompact(expiresAt),
        created_date_utc: wibClockWithZ(now),
        expired_date_utc: wibClockWithZ(expiresAt),
        merchant_unique_reference: order.merchantUniqueReference,
      },
      ...echo,
    }),
  };
}

/** Shaped like Kredivo's: 17 digits, then the merchant unique reference. */
function kredivoOrderId(request: GenerateOrderRequest): string {
  let digits = "";
  while (digits.length < 17) digits += String(randomInt(0, 10));
  return digits + request.peer_to_peer_info.merchant_unique_reference;
}
