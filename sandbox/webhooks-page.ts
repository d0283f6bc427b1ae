// The webhook receiver's page: what the shop's alerts would have said in Slack or Discord, newest
// first, with the structured fields a generic receiver reads. Server-rendered, no client JS.
import { escapeHtml as e } from "./html";
import { layout, when } from "./mailbox-page";
import { WEBHOOK_CAP, type WebhookPost } from "./webhooks";

export const WEBHOOKS_PAGE = "/_sandbox/webhooks";

export function webhooksPage(
  posts: WebhookPost[],
  receiverUrl: string,
  refusalsLeft: number,
): string {
  const items = posts
    .map((p) => {
      const details = Object.entries(p.body.details ?? {})
        .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(String(v))}</dd>`)
        .join("");
      return `<li data-testid="webhook-post">
<p><strong>${e(p.body.summary ?? p.body.content)}</strong></p>
<p class="meta">${when(p.receivedAt)} · /webhooks/${e(p.channel)}${p.body.kind ? ` · kind <code>${e(p.body.kind)}</code>` : ""}</p>
${details ? `<dl>${details}</dl>` : ""}
<details><summary>As Discord shows it (content)</summary><pre>${e(p.body.content)}</pre></details>
</li>`;
    })
    .join("\n");
  const refusing = refusalsLeft
    ? `<p><strong>Answering the next ${refusalsLeft} post${refusalsLeft === 1 ? "" : "s"} with 500.</strong></p>`
    : '<p class="muted">Accepting every post.</p>';
  return layout(
    "Sandbox webhooks",
    `<h1>Sandbox webhooks</h1>
<p>Point the shop's ALERT_WEBHOOK_URL at <code>${e(receiverUrl)}</code> · keeps the last ${WEBHOOK_CAP}, forwards nothing</p>
<p><a href="/_sandbox">Control page</a> · <a href="${WEBHOOKS_PAGE}">Refresh</a> · <a href="${WEBHOOKS_PAGE}/received">JSON</a></p>`,
    `<section aria-labelledby="posts-h"><h2 id="posts-h">Alerts received (${posts.length})</h2>
${posts.length ? `<ol class="mails">${items}</ol>` : '<p class="muted">Nothing received yet.</p>'}
</section>
<section aria-labelledby="receiver-h"><h2 id="receiver-h">Receiver</h2>
${refusing}
<form method="post" action="${WEBHOOKS_PAGE}/refusals">
<label>Answer 500 to the next<input type="number" name="count" min="0" max="1000" value="1" required></label>
<button type="submit">Refuse</button>
</form>
<form method="post" action="${WEBHOOKS_PAGE}/clear"><button type="submit">Clear</button></form>
</section>`,
  );
}
