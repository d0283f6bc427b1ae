// The shopper's side: GET shows the payment page, the three form buttons settle or leave.
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext } from "./context";
import { closedOrderPage, notFoundPage, paymentPage, statusPage } from "./kredivo-html";

const tokenQuery = z.object({ tk: z.uuid() });
const actionForm = z.object({
  tk: z.uuid(),
  tenor: z.enum(["30d", "3m", "6m", "12m"]).default("30d"),
});

function page(c: Context, html: string, status: 200 | 400 | 404 | 409 = 200): Response {
  c.header("Cache-Control", "no-store");
  return c.html(html, status);
}

export function registerKredivoPage(app: Hono, ctx: SandboxContext): void {
  const { state, settlement } = ctx;

  app.get("/kredivo/signIn", (c) => {
    const query = tokenQuery.safeParse(c.req.query());
    const order = query.success ? state.orderByToken(query.data.tk) : undefined;
    if (!order) return page(c, notFoundPage(), 404);
    return page(c, closedOrderPage(order) ?? paymentPage(order));
  });

  app.post("/kredivo/signIn/:action{approve|decline|cancel}", async (c) => {
    const form = actionForm.safeParse(await c.req.parseBody());
    if (!form.success) {
      return page(
        c,
        statusPage({
          title: "Something is wrong with this request",
          message: form.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          tone: "bad",
        }),
        400,
      );
    }
    const order = state.orderByToken(form.data.tk);
    if (!order) return page(c, notFoundPage(), 404);

    const action = c.req.param("action");
    if (action === "cancel") {
      // Leaving changes nothing: the order stays PENDING until it expires.
      return c.redirect(order.callbackUrlCancel ?? order.callbackUrl, 303);
    }
    const result =
      action === "approve"
        ? await settlement.approve(order, form.data.tenor)
        : await settlement.decline(order);
    if (!result.ok) return page(c, closedOrderPage(result.order) ?? notFoundPage(), 409);
    return c.redirect(order.callbackUrl, 303);
  });
}
