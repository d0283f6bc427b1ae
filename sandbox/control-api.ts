// /_sandbox: what tests and the developer use to drive the sandbox. JSON in and out; the same
// endpoints also accept the HTML control page's form posts and then redirect back to it.
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext } from "./context";
import { renderControlPage } from "./control-page";
import { createFault, faultInputSchema } from "./faults";
import { escapeHtml } from "./html";
import { envelopeShapes, signingModes, type SandboxOrder, type SandboxState } from "./state";

const CONTROL_PAGE = "/_sandbox";

export function orderView(state: SandboxState, order: SandboxOrder) {
  state.refreshExpiry(order);
  return {
    invoiceNumber: order.invoiceNumber,
    amount: order.amount,
    status: order.status,
    requestId: order.requestId,
    merchantUniqueReference: order.merchantUniqueReference,
    kredivoOrderId: order.kredivoOrderId,
    token: order.token,
    paymentUrl: order.paymentUrl,
    callbackUrl: order.callbackUrl,
    callbackUrlCancel: order.callbackUrlCancel,
    notificationUrl: order.notificationUrl,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    statusChangedAt: order.statusChangedAt?.toISOString() ?? null,
    tenor: order.tenor,
    checkStatusCalls: state.checkStatusCalls.get(order.invoiceNumber) ?? 0,
    lineItems: order.request.order.line_items,
    notifications: state.notifications
      .filter((n) => n.invoiceNumber === order.invoiceNumber)
      .map((n) => ({
        requestId: n.requestId,
        status: n.status,
        url: n.url,
        timestamp: n.timestamp,
        signature: n.signature,
        tampered: n.tampered,
        copies: n.copies,
        attempts: n.attempts,
        acknowledged: n.acknowledged,
        nextAttemptAt: n.nextAttemptAt,
        body: JSON.parse(n.body) as unknown,
      })),
    deliveries: state.deliveries.filter((d) => d.invoiceNumber === order.invoiceNumber),
  };
}

export type OrderView = ReturnType<typeof orderView>;

export function isForm(c: Context): boolean {
  const type = c.req.header("content-type") ?? "";
  return /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);
}

type ErrorStatus = 400 | 404 | 409;

export function fail(c: Context, status: ErrorStatus, code: string, message: string): Response {
  if (isForm(c)) {
    return c.html(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sandbox error</title>` +
        `<body style="font-family:system-ui;margin:2rem"><h1>${status} ${escapeHtml(code)}</h1>` +
        `<p>${escapeHtml(message)}</p><p><a href="${CONTROL_PAGE}">Back to the sandbox</a></p></body></html>`,
      status,
    );
  }
  return c.json({ error: { code, message, type: "invalid_request" } }, status);
}

/** JSON for API callers; a form post from one of the sandbox's pages goes back to `page`. */
export function done(c: Context, json: unknown, page = CONTROL_PAGE): Response {
  return isForm(c) ? c.redirect(page, 303) : c.json(json);
}

/** Form posts carry strings; turn the numeric fields into numbers and the preset into target+kind. */
function faultFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if (key === "preset") {
      const [target, kind] = value.split("/");
      out.target = target;
      out.kind = kind;
    } else if (["times", "ms", "copies", "count", "code"].includes(key)) {
      out[key] = Number(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export async function readInput(
  c: Context,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  if (isForm(c)) return { ok: true, value: faultFromForm(await c.req.parseBody()) };
  const text = await c.req.text();
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: "body must be valid JSON" };
  }
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}

export function registerControlApi(app: Hono, ctx: SandboxContext): void {
  const { state, settlement, config } = ctx;
  const find = (id: string) => state.order(id) ?? state.orderByRequestId(id);

  app.get(CONTROL_PAGE, (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(renderControlPage(ctx));
  });

  app.get(`${CONTROL_PAGE}/health`, (c) => c.json({ ok: true }));

  app.get(`${CONTROL_PAGE}/config`, (c) =>
    c.json({
      clientId: config.clientId,
      notificationUrl: config.notificationUrl,
      timeScale: config.timeScale,
      signingMode: state.signingMode,
      envelopeShape: state.envelopeShape,
      publicUrl: ctx.publicUrl(c.req.url),
    }),
  );

  /** A POST that sets one reading of DOKU the sandbox plays, validated, answered with its new value. */
  function setting<T>(
    path: string,
    schema: z.ZodType<T>,
    apply: (value: T) => Record<string, unknown>,
  ): void {
    app.post(`${CONTROL_PAGE}/${path}`, async (c) => {
      const input = await readInput(c);
      if (!input.ok) return fail(c, 400, "invalid_json", input.message);
      const parsed = schema.safeParse(input.value);
      if (!parsed.success) return fail(c, 400, "invalid_parameter", describeIssues(parsed.error));
      return done(c, { ok: true, ...apply(parsed.data) });
    });
  }
  setting("signing", z.object({ mode: z.enum(signingModes) }), ({ mode }) => ({
    signingMode: (state.signingMode = mode),
  }));
  setting("envelope", z.object({ shape: z.enum(envelopeShapes) }), ({ shape }) => ({
    envelopeShape: (state.envelopeShape = shape),
  }));

  app.post(`${CONTROL_PAGE}/reset`, (c) => {
    state.reset();
    return done(c, { ok: true });
  });

  app.get(`${CONTROL_PAGE}/orders`, (c) =>
    c.json({ orders: state.allOrders().map((o) => orderView(state, o)) }),
  );

  app.get(`${CONTROL_PAGE}/orders/:invoice`, (c) => {
    const order = find(c.req.param("invoice"));
    if (!order) return fail(c, 404, "invoice_not_found", `no order ${c.req.param("invoice")}`);
    return c.json(orderView(state, order));
  });

  app.post(`${CONTROL_PAGE}/orders/:invoice/:action{approve|decline|expire|refund}`, async (c) => {
    const order = find(c.req.param("invoice"));
    if (!order) return fail(c, 404, "invoice_not_found", `no order ${c.req.param("invoice")}`);
    const input = await readInput(c);
    if (!input.ok) return fail(c, 400, "invalid_parameter", input.message);
    const options = z
      .object({ tenor: z.enum(["30d", "3m", "6m", "12m"]).default("30d") })
      .safeParse(input.value ?? {});
    if (!options.success) return fail(c, 400, "invalid_parameter", describeIssues(options.error));

    const action = c.req.param("action");
    const result =
      action === "approve"
        ? await settlement.approve(order, options.data.tenor)
        : action === "decline"
          ? await settlement.decline(order)
          : action === "expire"
            ? settlement.expire(order)
            : settlement.refund(order);
    if (!result.ok) return fail(c, result.status, result.code, result.message);
    return done(c, orderView(state, result.order));
  });

  app.get(`${CONTROL_PAGE}/notifications`, (c) => c.json({ deliveries: state.deliveries }));

  app.get(`${CONTROL_PAGE}/faults`, (c) => c.json({ faults: state.faults }));

  app.post(`${CONTROL_PAGE}/faults`, async (c) => {
    const input = await readInput(c);
    if (!input.ok) return fail(c, 400, "invalid_parameter", input.message);
    const parsed = faultInputSchema.safeParse(input.value);
    if (!parsed.success) return fail(c, 400, "invalid_parameter", describeIssues(parsed.error));
    const fault = createFault(parsed.data, state.now());
    state.faults.push(fault);
    return done(c, { fault });
  });

  const clearFaults = (c: Context) => {
    state.faults = [];
    return done(c, { ok: true });
  };
  app.delete(`${CONTROL_PAGE}/faults`, clearFaults);
  // HTML forms cannot send DELETE.
  app.post(`${CONTROL_PAGE}/faults/clear`, clearFaults);
}
