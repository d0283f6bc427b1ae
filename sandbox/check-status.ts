// GET /orders/v1/status/{invoice_number | original Request-Id}: the signed answer a merchant
// uses when a notification is late or lost.
import type { Hono } from "hono";
import type { SandboxContext } from "./context";
import { takeRequestFault } from "./faults";
import { transactionEnvelope } from "./notifications";
import { openSignedRequest } from "./signed-endpoint";
import { errorBody } from "./signed-response";
import { sleep } from "./time";

export const CHECK_STATUS_PREFIX = "/orders/v1/status/";

/** What the `unrecognised-status` fault answers: a word DOKU's pages never list for Kredivo. */
export const UNRECOGNISED_STATUS = "ON_HOLD" as const;

export function registerCheckStatus(app: Hono, ctx: SandboxContext): void {
  const { state } = ctx;

  app.get(`${CHECK_STATUS_PREFIX}:id`, async (c) => {
    const opened = openSignedRequest(ctx, c.req.raw, "check-status", null);
    if (!opened.ok) return opened.response;
    const { auth, respond } = opened;
    state.checkStatusCalls.set(
      c.req.param("id"),
      (state.checkStatusCalls.get(c.req.param("id")) ?? 0) + 1,
    );

    const fault = takeRequestFault(state.faults, "check-status", c.req.param("id"));
    if (fault?.kind === "error500") {
      return respond(
        500,
        errorBody("internal_error", "DOKU sandbox: simulated internal error", "api_error"),
        auth,
      );
    }
    if (fault?.kind === "timeout") {
      await sleep(fault.ms, AbortSignal.any([c.req.raw.signal, state.signal]));
    }

    const id = c.req.param("id");
    const order = state.order(id) ?? state.orderByRequestId(id);
    if (!order) {
      return respond(
        404,
        errorBody(
          "invoice_not_found",
          `no order with invoice number or Request-Id ${id}`,
          "invalid_request",
        ),
        auth,
      );
    }
    // The answer-shape faults change only what is said, never the order the sandbox keeps.
    const said =
      fault?.kind === "wrong-amount"
        ? { ...order, amount: order.amount + 1 }
        : fault?.kind === "wrong-invoice"
          ? { ...order, invoiceNumber: `${order.invoiceNumber}-OTHER` }
          : order;
    const envelope = transactionEnvelope(
      said,
      fault?.kind === "unrecognised-status" ? UNRECOGNISED_STATUS : order.status,
      order.statusChangedAt ?? order.createdAt,
      state.envelopeShape,
    );
    const body = JSON.stringify(envelope);
    return respond(200, body, auth, fault?.kind === "bad-signature");
  });
}
