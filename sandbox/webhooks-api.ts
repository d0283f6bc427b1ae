// POST /webhooks/<channel>: the receiver the shop's ALERT_WEBHOOK_URL points at in the demo and the
// e2e run; /_sandbox/webhooks shows what arrived (and as JSON for tests), clears it, and makes the
// next posts fail. Bodies are checked with zod the way Slack and Discord would refuse them.
import type { Context, Hono } from "hono";
import type { SandboxContext } from "./context";
import { describeIssues, done, fail, readInput } from "./control-api";
import { MAX_WEBHOOK_BYTES, webhookBodySchema, webhookRefusalSchema } from "./webhooks";
import { WEBHOOKS_PAGE, webhooksPage } from "./webhooks-page";

export function registerWebhooks(app: Hono, ctx: SandboxContext): void {
  const { webhooks } = ctx.state;

  app.post("/webhooks/:channel{[a-z0-9-]{1,40}}", async (c) => {
    const raw = await c.req.text();
    if (Buffer.byteLength(raw) > MAX_WEBHOOK_BYTES)
      return c.json({ ok: false, error: `body over ${MAX_WEBHOOK_BYTES} bytes` }, 413);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return c.json({ ok: false, error: "body must be valid JSON" }, 400);
    }
    const parsed = webhookBodySchema.safeParse(json);
    if (!parsed.success) return c.json({ ok: false, error: describeIssues(parsed.error) }, 400);
    const post = webhooks.receive(c.req.param("channel"), parsed.data);
    if (!post) return c.json({ ok: false, error: "refused on request (sandbox)" }, 500);
    ctx.log(`[webhooks] ${post.channel}: ${parsed.data.summary ?? parsed.data.text.slice(0, 80)}`);
    return c.json({ ok: true, id: post.id });
  });

  app.get(WEBHOOKS_PAGE, (c) => {
    c.header("Cache-Control", "no-store");
    c.header(
      "Content-Security-Policy",
      "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    const receiver = `${ctx.publicUrl(c.req.url)}/webhooks/alerts`;
    return c.html(webhooksPage(webhooks.list(), receiver, webhooks.refusalsLeft));
  });

  app.get(`${WEBHOOKS_PAGE}/received`, (c) => c.json({ received: webhooks.list() }));

  const clear = (c: Context) => {
    webhooks.reset();
    return done(c, { ok: true }, WEBHOOKS_PAGE);
  };
  app.post(`${WEBHOOKS_PAGE}/clear`, clear);

  app.post(`${WEBHOOKS_PAGE}/refusals`, async (c) => {
    const input = await readInput(c);
    if (!input.ok) return fail(c, 400, "invalid_json", input.message);
    const parsed = webhookRefusalSchema.safeParse(input.value);
    if (!parsed.success) return fail(c, 400, "invalid_parameter", describeIssues(parsed.error));
    webhooks.refusalsLeft = parsed.data.count;
    return done(c, { ok: true, refusalsLeft: webhooks.refusalsLeft }, WEBHOOKS_PAGE);
  });
}
