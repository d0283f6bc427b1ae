// The mailbox pages: the list of kept emails, and one email with its headers, its HTML version in
// a sandboxed iframe (no scripts, no forms, no same-origin access) and its plain-text version.
// Server-rendered, no client JS, readable on a 390 px wide phone.
import { isHttpUrl } from "./config";
import { escapeHtml as e } from "./html";
import { MAILBOX_CAP, refusalCodes, type MailMessage, type Refusals } from "./mailbox";

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17233b;background:#f4f6fa}
header{background:#17233b;color:#fff;padding:14px 16px;display:grid;gap:4px}
header h1{margin:0;font-size:1.15rem;overflow-wrap:anywhere}
header p{margin:0;color:#c5cee0;font-size:.85rem;overflow-wrap:anywhere}
header a{color:#fff}
main{padding:16px;display:grid;gap:16px;max-width:960px}
section{background:#fff;border:1px solid #e3e8ef;border-radius:12px;padding:14px;min-width:0}
h2{margin:0 0 10px;font-size:1rem}
h3{margin:14px 0 6px;font-size:.9rem}
code{font-size:.8rem;overflow-wrap:anywhere}
.muted{color:#5d6b82}
ol.mails{list-style:none;margin:0;padding:0}
ol.mails li{border-top:1px solid #eef1f5;padding:8px 0;display:grid;gap:2px}
ol.mails li:first-child{border-top:0}
ol.mails a{font-weight:600;color:#2a6df4;overflow-wrap:anywhere}
.meta{font-size:.8rem;color:#5d6b82;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 12px;margin:0;font-size:.85rem}
dt{color:#5d6b82;font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
iframe{display:block;width:100%;height:1400px;max-height:160vh;min-height:360px;border:1px solid #e3e8ef;border-radius:8px;background:#fff}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f8fafc;border:1px solid #eef1f5;border-radius:8px;padding:10px}
ul.links{margin:0;padding-left:1.2em;font-size:.85rem}
ul.links a{overflow-wrap:anywhere}
form{display:flex;gap:10px;flex-wrap:wrap;align-items:end;margin:8px 0 0}
label{display:grid;gap:2px;font-size:.8rem;color:#5d6b82}
input,select,button{font:inherit;padding:4px 8px;border:1px solid #c8d0dc;border-radius:8px;background:#fff}
input[type=number]{width:6em}
button{cursor:pointer}
button:hover{background:#f0f3f8}
`;

export function layout(title: string, header: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<header>${header}</header>
<main>
${body}
</main>
</body></html>`;
}

/** `2026-05-04 09:12:33 UTC` from an ISO time: short enough for a phone. */
export const when = (iso: string) =>
  `<time datetime="${e(iso)}">${e(iso.replace("T", " ").replace(/\.\d+Z$|Z$/, ""))} UTC</time>`;

const recipients = (m: MailMessage) => m.to ?? (m.envelope.to.join(", ") || "(no recipient)");

export interface MailboxPageInput {
  messages: MailMessage[];
  refusals: Refusals;
  /** undefined when the sandbox runs without its SMTP listener (createSandbox). */
  smtpUrl: string | undefined;
}

export function mailboxPage({ messages, refusals, smtpUrl }: MailboxPageInput): string {
  const smtp = smtpUrl ? `SMTP <code>${e(smtpUrl)}</code>` : "no SMTP listener in this instance";
  const items = messages
    .map(
      (
        m,
      ) => `<li><a href="/_sandbox/mailbox/${m.id}">${m.subject ? e(m.subject) : "(no subject)"}</a>
<span class="meta">${when(m.receivedAt)} · to ${e(recipients(m))}</span></li>`,
    )
    .join("\n");
  const pending = refusals.left
    ? `<p><strong>Refusing the next ${refusals.left} message${refusals.left === 1 ? "" : "s"}</strong> with ${refusals.code}.</p>`
    : '<p class="muted">Accepting every message.</p>';

  return layout(
    "Sandbox mailbox",
    `<h1>Sandbox mailbox</h1>
<p>${smtp} · keeps the last ${MAILBOX_CAP}, delivers nothing</p>
<p><a href="/_sandbox">Control page</a> · <a href="/_sandbox/mailbox">Refresh</a> · <a href="/_sandbox/mailbox/messages">JSON</a></p>`,
    `<section aria-labelledby="messages-h"><h2 id="messages-h">Messages (${messages.length})</h2>
${messages.length ? `<ol class="mails">${items}</ol>` : `<p class="muted">No email yet.${smtpUrl ? ` Point the app's SMTP_URL at <code>${e(smtpUrl)}</code>.` : ""}</p>`}
</section>
<section aria-labelledby="server-h"><h2 id="server-h">Mail server</h2>
${pending}
<form method="post" action="/_sandbox/mailbox/refusals">
<label>Refuse the next<input type="number" name="count" min="0" max="1000" value="1" required></label>
<label>with<select name="code">${refusalCodes.map((c) => `<option value="${c}">${c}${c === 421 ? " (and hang up)" : ""}</option>`).join("")}</select></label>
<button type="submit">Refuse</button>
</form>
<form method="post" action="/_sandbox/mailbox/clear"><button type="submit">Clear mailbox</button></form>
</section>`,
  );
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The http(s) links of the HTML version: the iframe cannot open them, this list can. */
export function linksOf(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    const href = decodeEntities((match[1] ?? match[2] ?? match[3] ?? "").trim());
    if (isHttpUrl(href)) links.add(href);
    if (links.size >= 50) break;
  }
  return [...links];
}

export function messagePage(m: MailMessage): string {
  const subject = m.subject ?? "(no subject)";
  const row = (name: string, value: string | null | undefined) =>
    value ? `<dt>${e(name)}</dt><dd>${e(value)}</dd>` : "";
  const attachments = m.attachments
    .map((a) => `${a.filename ?? "(unnamed)"} (${a.contentType}, ${a.size} bytes)`)
    .join("; ");
  const links = m.html ? linksOf(m.html) : [];

  return layout(
    `${subject} · sandbox mailbox`,
    `<h1>${e(subject)}</h1>
<p>Message ${m.id} · received ${when(m.receivedAt)}</p>
<p><a href="/_sandbox/mailbox">← Mailbox</a> · <a href="/_sandbox">Control page</a> · <a href="/_sandbox/mailbox/messages/${m.id}">JSON</a></p>`,
    `<section aria-labelledby="headers-h"><h2 id="headers-h">Headers</h2>
<dl>
${row("From", m.from)}${row("To", m.to)}${row("Cc", m.cc)}${row("Reply-To", m.replyTo)}${row("Subject", m.subject)}${row("Date", m.date)}${row("Message-ID", m.messageId)}
${row("Envelope from", m.envelope.from ?? "<> (null sender)")}${row("Envelope to", m.envelope.to.join(", "))}${row("Authenticated as", m.authUser)}${row("Size", `${m.size} bytes`)}${row("Attachments", attachments)}
</dl>
</section>
<section aria-labelledby="html-h"><h2 id="html-h">HTML version</h2>
${m.html === null ? '<p class="muted">This email has no HTML part.</p>' : `<iframe sandbox="" srcdoc="${e(m.html)}" title="HTML version of ${e(subject)}" referrerpolicy="no-referrer"></iframe>`}
${links.length ? `<h3>Links in this email</h3><ul class="links">${links.map((l) => `<li><a href="${e(l)}" target="_blank" rel="noopener noreferrer">${e(l)}</a></li>`).join("")}</ul>` : ""}
</section>
<section aria-labelledby="text-h"><h2 id="text-h">Plain-text version</h2>
${m.text === null ? '<p class="muted">This email has no plain-text part.</p>' : `<pre>${e(m.text)}</pre>`}
</section>`,
  );
}

export function messageNotFoundPage(id: string): string {
  return layout(
    "No such email · sandbox mailbox",
    `<h1>No email ${e(id)}</h1><p><a href="/_sandbox/mailbox">← Mailbox</a></p>`,
    `<section><p>The mailbox has no message ${e(id)}: it was cleared, or dropped to keep the last ${MAILBOX_CAP}.</p></section>`,
  );
}
