// The webhook receiver the shop's alerts go to in the demo and the e2e run: it keeps what Slack and
// Discord would both accept, refuses what either would refuse, and can be told to fail.
import { describe, expect, it } from "vitest";
import { alertBody } from "@/lib/alerts/webhook-body";
import { sandboxForFile } from "./test-support";

const env = sandboxForFile({ resetAfterEach: true });

const post = (body: unknown, channel = "alerts") =>
  fetch(`${env.sandbox.url}/webhooks/${channel}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const received = async () =>
  (
    (await (await fetch(`${env.sandbox.url}/_sandbox/webhooks/received`)).json()) as {
      received: { channel: string; body: Record<string, unknown> }[];
    }
  ).received;

const shopBody = alertBody(
  {
    id: 3,
    kind: "email_given_up",
    summary: "Email order_confirmation for order #5 was given up after 8 tries",
    details: { email: 9, order: 5, lastError: "535 authentication failed <x>" },
    coalesced: 2,
    createdAt: new Date("2026-12-07T02:00:00.000Z"),
  },
  "https://toko.example",
);

describe("the sandbox's webhook receiver", () => {
  it("keeps the shop's alert body and shows it on its page", async () => {
    const res = await post(shopBody);
    expect(res.status).toBe(200);
    const [kept] = await received();
    expect(kept).toMatchObject({ channel: "alerts", body: { kind: "email_given_up", more: 2 } });
    const html = await (await fetch(`${env.sandbox.url}/_sandbox/webhooks`)).text();
    expect(html).toContain("Email order_confirmation for order #5 was given up after 8 tries");
    expect(html).toContain("535 authentication failed &lt;x&gt;");
    expect(html).toContain(`${env.sandbox.url}/webhooks/alerts`);
  });

  it("refuses what Slack or Discord would refuse, and keeps nothing", async () => {
    expect((await post({ text: "only Slack's field" })).status).toBe(400);
    expect((await post({ content: "only Discord's field" })).status).toBe(400);
    const long = await post({ text: "x", content: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("at most 2000 characters");
    expect((await post("{not json")).status).toBe(400);
    expect(await received()).toEqual([]);
  });

  it("answers 500 to the next posts when asked, then accepts again", async () => {
    const asked = await fetch(`${env.sandbox.url}/_sandbox/webhooks/refusals`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 2 }),
    });
    expect(await asked.json()).toEqual({ ok: true, refusalsLeft: 2 });
    expect((await post(shopBody)).status).toBe(500);
    expect((await post(shopBody)).status).toBe(500);
    expect((await post(shopBody)).status).toBe(200);
    expect(await received()).toHaveLength(1);
  });
});
