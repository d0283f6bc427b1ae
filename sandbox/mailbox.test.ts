import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { Mailbox, type MailMessage, type Refusals } from "./mailbox";
import { createSandbox } from "./server";
import { CLIENT_ID, sandboxForFile, SECRET_KEY } from "./test-support";

const env = sandboxForFile({ resetAfterEach: true });

type Json = {
  ok?: boolean;
  messages?: MailMessage[];
  refusals?: Refusals;
  error?: { code: string; message: string };
} & Partial<MailMessage>;

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${env.sandbox.url}/_sandbox/mailbox${path}`, {
    method,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json, res };
}

const page = async (path = "") => {
  const res = await fetch(`${env.sandbox.url}/_sandbox/mailbox${path}`);
  return { status: res.status, html: await res.text(), res };
};

interface SendError {
  responseCode?: number;
  response?: string;
}

/** One transport per message, closed after it: no pooling, no retries. */
async function send(message: nodemailer.SendMailOptions, url = env.sandbox.smtpUrl) {
  const transport = nodemailer.createTransport(url);
  try {
    return await transport.sendMail({
      from: "Toko Nusantara <shop@toko-nusantara.example>",
      ...message,
    });
  } finally {
    transport.close();
  }
}

const sendFailure = (message: nodemailer.SendMailOptions) =>
  send(message).then(
    () => {
      throw new Error("expected the sandbox to refuse this message");
    },
    (error: SendError) => error,
  );

const orderEmail = {
  to: "Anton Budiman <anton@example.com>",
  subject: "Pesanan AB12CD34 diterima",
  text: "Halo Anton,\nterima kasih: pesanan AB12CD34 sudah kami terima.\nhttps://shop.example/orders/AB12CD34",
  html: '<p style="color:#17233b">Halo <b>Anton</b> &amp; terima kasih: <a href="https://shop.example/orders/AB12CD34?lang=id&amp;src=email">lihat pesanan</a></p>',
};

describe("the sandbox mailbox over real SMTP", () => {
  it("keeps what nodemailer sends, with credentials in SMTP_URL, and lists it newest first", async () => {
    expect(env.sandbox.smtpUrl).toBe(`smtp://127.0.0.1:${env.sandbox.smtpPort}`);
    expect(env.sandbox.smtpPort).not.toBe(env.sandbox.port);
    const withAuth = env.sandbox.smtpUrl.replace("smtp://", "smtp://shop-user:any-password@");
    const info = await send(orderEmail, withAuth);
    expect(info.response).toMatch(/^250 OK: kept as message \d+/);
    await send({ to: "second@example.com", subject: "Second", text: "second" });

    const list = await api("GET", "/messages");
    expect(list.status).toBe(200);
    expect(list.json.messages?.map((m) => m.subject)).toEqual(["Second", orderEmail.subject]);
    const kept = list.json.messages?.[1];
    expect(kept).toMatchObject({
      messageId: info.messageId,
      // As mailparser formats address headers: display names quoted.
      from: '"Toko Nusantara" <shop@toko-nusantara.example>',
      to: '"Anton Budiman" <anton@example.com>',
      subject: orderEmail.subject,
      text: orderEmail.text,
      html: orderEmail.html,
      envelope: { from: "shop@toko-nusantara.example", to: ["anton@example.com"] },
      authUser: "shop-user",
      attachments: [],
    });
    expect(kept?.size).toBeGreaterThan(orderEmail.html.length);
    expect(Date.parse(kept?.receivedAt ?? "")).not.toBeNaN();
    expect(list.json.messages?.[0]?.authUser).toBeNull();

    const one = await api("GET", `/messages/${kept?.id}`);
    expect(one).toMatchObject({ status: 200, json: { id: kept?.id, messageId: info.messageId } });
    expect(await api("GET", "/messages/99999")).toMatchObject({
      status: 404,
      json: { error: { code: "message_not_found" } },
    });
    expect(env.sandbox.mailbox.count).toBe(2);
  });

  it("refuses the next N messages with a temporary error, then accepts again", async () => {
    const set = await api("POST", "/refusals", { count: 2 });
    expect(set).toMatchObject({
      status: 200,
      json: { ok: true, refusals: { left: 2, code: 451 } },
    });

    const first = await sendFailure({ ...orderEmail, subject: "try 1" });
    expect(first.responseCode).toBe(451);
    expect(first.response).toContain("sandbox: refusing on purpose (1 left)");
    const second = await sendFailure({ ...orderEmail, subject: "try 2" });
    expect(second.responseCode).toBe(451);
    expect(second.response).toContain("sandbox: refusing on purpose (0 left)");

    await send({ ...orderEmail, subject: "try 3" });
    const list = await api("GET", "/messages");
    expect(list.json.messages?.map((m) => m.subject)).toEqual(["try 3"]);
    expect((await api("GET", "/refusals")).json.refusals).toEqual({ left: 0, code: 451 });
  });

  it("can refuse with 421 (and hang up) instead", async () => {
    await api("POST", "/refusals", { count: 1, code: 421 });
    const refused = await sendFailure(orderEmail);
    expect(refused.responseCode).toBe(421);
    await send(orderEmail);
    expect(env.sandbox.mailbox.count).toBe(1);
  });

  it("refuses a message over the size limit with 552 and keeps nothing", async () => {
    const refused = await sendFailure({
      to: "big@example.com",
      subject: "big",
      text: "x".repeat(6 * 1024 * 1024),
    });
    expect(refused.responseCode).toBe(552);
    expect(env.sandbox.mailbox.count).toBe(0);
  });

  it("lists the email on the mailbox page and shows it on its own page", async () => {
    await send({ ...orderEmail, subject: 'Pesanan <AB12> "diterima"' });
    const [message] = env.sandbox.mailbox.list();
    if (!message) throw new Error("no message kept");

    const list = await page();
    expect(list.status).toBe(200);
    expect(list.html).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    expect(list.html).toContain(
      `<a href="/_sandbox/mailbox/${message.id}">Pesanan &lt;AB12&gt; &quot;diterima&quot;</a>`,
    );
    expect(list.html).toContain("to &quot;Anton Budiman&quot; &lt;anton@example.com&gt;");
    expect(list.html).toContain(env.sandbox.smtpUrl);

    const detail = await page(`/${message.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain("<h1>Pesanan &lt;AB12&gt; &quot;diterima&quot;</h1>");
    // The HTML version, escaped into srcdoc, in an iframe with every sandbox restriction.
    expect(detail.html).toContain(
      '<iframe sandbox="" srcdoc="&lt;p style=&quot;color:#17233b&quot;&gt;Halo &lt;b&gt;Anton&lt;/b&gt; &amp;amp; terima kasih:',
    );
    expect(detail.html).toContain(`<pre>${orderEmail.text}</pre>`);
    expect(detail.html).toContain("<dt>Message-ID</dt>");
    expect(detail.html).toContain(
      '<a href="https://shop.example/orders/AB12CD34?lang=id&amp;src=email" target="_blank" rel="noopener noreferrer">',
    );
    const csp = detail.res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toMatch(/default-src|frame-src|child-src/);

    expect((await page("/99999")).status).toBe(404);
    const control = await fetch(`${env.sandbox.url}/_sandbox`).then((r) => r.text());
    expect(control).toContain('<a href="/_sandbox/mailbox" style="color:#fff">Mailbox (1)</a>');
  });

  it("clears by API and by the page's form; reset clears too", async () => {
    await send(orderEmail);
    expect(await api("DELETE", "/messages")).toMatchObject({ status: 200, json: { ok: true } });
    expect((await api("GET", "/messages")).json.messages).toEqual([]);

    await send(orderEmail);
    const form = await fetch(`${env.sandbox.url}/_sandbox/mailbox/clear`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/_sandbox/mailbox");
    expect(env.sandbox.mailbox.count).toBe(0);

    await send(orderEmail);
    await api("POST", "/refusals", { count: 3 });
    await fetch(`${env.sandbox.url}/_sandbox/reset`, { method: "POST" });
    expect(env.sandbox.mailbox.count).toBe(0);
    expect(env.sandbox.mailbox.pendingRefusals.left).toBe(0);
  });

  it("sets refusals from the page's form", async () => {
    const res = await fetch(`${env.sandbox.url}/_sandbox/mailbox/refusals`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "count=2&code=421",
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(env.sandbox.mailbox.pendingRefusals).toEqual({ left: 2, code: 421 });
    expect((await page()).html).toContain("Refusing the next 2 messages");
  });

  it("rejects an invalid refusal with a 400 that says what is wrong", async () => {
    const bad = async (body: unknown) => {
      const res = await api("POST", "/refusals", body);
      expect(res.status).toBe(400);
      return res.json.error?.message;
    };
    const count = "count: must be a whole number of messages from 0 to 1000";
    expect(await bad({ count: -1 })).toBe(count);
    expect(await bad({ count: 1.5 })).toBe(count);
    expect(await bad({ count: "two" })).toBe(count);
    expect(await bad({ count: 1001 })).toBe(count);
    expect(await bad({})).toBe("count: is required: how many of the next messages to refuse");
    expect(await bad({ count: 1, code: 550 })).toBe(
      "code: must be one of 451, 421 (temporary SMTP failures)",
    );
    const notJson = await fetch(`${env.sandbox.url}/_sandbox/mailbox/refusals`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{count:",
    });
    expect(notJson.status).toBe(400);
    expect(env.sandbox.mailbox.pendingRefusals.left).toBe(0);
  });

  it("refuses cross-site POSTs like the rest of /_sandbox", async () => {
    const res = await api(
      "POST",
      "/refusals",
      { count: 5 },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    );
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe("cross_site_request");
    expect(env.sandbox.mailbox.pendingRefusals.left).toBe(0);
  });
});

describe("the mailbox without an SMTP listener", () => {
  it("takes a raw message from an app-level test and serves it through app.request()", async () => {
    const sandbox = createSandbox({ clientId: CLIENT_ID, secretKey: SECRET_KEY });
    const raw = [
      "From: Toko <shop@toko.example>",
      "To: anton@example.com",
      "Subject: Pembayaran gagal",
      "Message-ID: <fed-1@toko.example>",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Pembayaran untuk pesanan AB12CD34 gagal.",
      "",
    ].join("\r\n");
    const waiting = sandbox.mailbox.waitFor((m) => m.subject === "Pembayaran gagal", 1_000);
    await sandbox.mailbox.deliver(raw);
    await expect(waiting).resolves.toMatchObject({ messageId: "<fed-1@toko.example>" });

    const res = await sandbox.app.request("/_sandbox/mailbox/messages");
    const json = (await res.json()) as { messages: MailMessage[] };
    expect(json.messages).toEqual([
      expect.objectContaining({
        id: 1,
        subject: "Pembayaran gagal",
        envelope: { from: "shop@toko.example", to: ["anton@example.com"] },
        text: "Pembayaran untuk pesanan AB12CD34 gagal.\n",
        html: null,
      }),
    ]);
    const detail = await (await sandbox.app.request("/_sandbox/mailbox/1")).text();
    expect(detail).toContain("This email has no HTML part.");
    expect(await (await sandbox.app.request("/_sandbox/mailbox")).text()).toContain(
      "no SMTP listener in this instance",
    );
    sandbox.close();
  });

  it("keeps the newest messages up to its cap, ids counting on after a clear", async () => {
    const mailbox = new Mailbox(() => new Date("2026-01-02T03:04:05Z"), 3);
    for (let i = 1; i <= 5; i += 1) await mailbox.deliver(`Subject: m${i}\r\n\r\nbody ${i}\r\n`);
    expect(mailbox.list().map((m) => [m.id, m.subject])).toEqual([
      [5, "m5"],
      [4, "m4"],
      [3, "m3"],
    ]);
    expect(mailbox.get(1)).toBeUndefined();
    expect(mailbox.get(5)?.receivedAt).toBe("2026-01-02T03:04:05.000Z");
    mailbox.clear();
    expect((await mailbox.deliver("Subject: after\r\n\r\nx\r\n")).id).toBe(6);
    await expect(mailbox.waitFor((m) => m.subject === "never", 20)).rejects.toThrow(
      /no matching email/,
    );
  });
});
