// /_sandbox/mailbox: the emails the SMTP listener kept, as pages for the demo and as JSON for tests,
// plus clearing them and making the next messages be refused. POSTs pass the same cross-site
// check as the rest of /_sandbox (server.ts); form posts from the mailbox page redirect back to it.
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { SandboxContext } from "./context";
import { describeIssues, done, fail, readInput } from "./control-api";
import { refusalCodes } from "./mailbox";
import { mailboxPage, messageNotFoundPage, messagePage } from "./mailbox-page";

export const MAILBOX_PAGE = "/_sandbox/mailbox";
const MAX_REFUSALS = 1000;

const countMessage = `must be a whole number of messages from 0 to ${MAX_REFUSALS}`;
export const refusalInputSchema = z.object({
  count: z
    .number({
      error: (i) =>
        i.input === undefined
          ? "is required: how many of the next messages to refuse"
          : countMessage,
    })
    .int(countMessage)
    .min(0, countMessage)
    .max(MAX_REFUSALS, countMessage),
  code: z
    .literal(refusalCodes, {
      error: `must be one of ${refusalCodes.join(", ")} (temporary SMTP failures)`,
    })
    .default(451),
});

/**
 * The email's HTML is shown in `<iframe sandbox srcdoc>`, which inherits this policy: no script
 * runs, no form posts; its inline styles and images still show.
 */
const PAGE_CSP = [
  "script-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "connect-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data: http: https:",
  "font-src data: https:",
].join("; ");

function page(c: Context, html: string, status: 200 | 404 = 200): Response {
  c.header("Cache-Control", "no-store");
  c.header("Content-Security-Policy", PAGE_CSP);
  c.header("Referrer-Policy", "no-referrer");
  return c.html(html, status);
}

export function registerMailbox(app: Hono, ctx: SandboxContext): void {
  const { mailbox } = ctx.state;
  const byId = (c: Context) => mailbox.get(Number(c.req.param("id")));

  app.get(MAILBOX_PAGE, (c) =>
    page(
      c,
      mailboxPage({
        messages: mailbox.list(),
        refusals: mailbox.pendingRefusals,
        smtpUrl: ctx.smtpUrl(),
      }),
    ),
  );

  app.get(`${MAILBOX_PAGE}/:id{[0-9]+}`, (c) => {
    const message = byId(c);
    return message
      ? page(c, messagePage(message))
      : page(c, messageNotFoundPage(c.req.param("id")), 404);
  });

  app.get(`${MAILBOX_PAGE}/messages`, (c) => c.json({ messages: mailbox.list() }));

  app.get(`${MAILBOX_PAGE}/messages/:id{[0-9]+}`, (c) => {
    const message = byId(c);
    if (!message)
      return fail(
        c,
        404,
        "message_not_found",
        `no message ${c.req.param("id")} in the mailbox (cleared, or dropped beyond ${mailbox.cap})`,
      );
    return c.json(message);
  });

  const clear = (c: Context) => {
    mailbox.clear();
    return done(c, { ok: true }, MAILBOX_PAGE);
  };
  app.delete(`${MAILBOX_PAGE}/messages`, clear);
  // HTML forms cannot send DELETE.
  app.post(`${MAILBOX_PAGE}/clear`, clear);

  app.get(`${MAILBOX_PAGE}/refusals`, (c) => c.json({ refusals: mailbox.pendingRefusals }));

  app.post(`${MAILBOX_PAGE}/refusals`, async (c) => {
    const input = await readInput(c);
    if (!input.ok) return fail(c, 400, "invalid_json", input.message);
    const parsed = refusalInputSchema.safeParse(input.value);
    if (!parsed.success) return fail(c, 400, "invalid_parameter", describeIssues(parsed.error));
    const refusals = mailbox.refuseNext(parsed.data.count, parsed.data.code);
    ctx.log(`[mailbox] refusing the next ${refusals.left} message(s) with ${refusals.code}`);
    return done(c, { ok: true, refusals }, MAILBOX_PAGE);
  });
}
