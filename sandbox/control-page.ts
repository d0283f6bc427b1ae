// GET /_sandbox: a plain page for a developer at the keyboard: the orders, every notification
// attempt with the merchant's answer, and forms for the same actions the JSON API offers; the
// emails the shop sent are on their own page (mailbox-page.ts), linked from the header.
import type { SandboxContext } from "./context";
import { escapeHtml as e, formatRupiah } from "./html";

const STYLE = `
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17233b;background:#f4f6fa}
header{background:#17233b;color:#fff;padding:14px 24px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header h1{margin:0;font-size:1.15rem}
header p{margin:0;color:#c5cee0;font-size:.85rem}
main{padding:20px 24px;display:grid;gap:20px}
section{background:#fff;border:1px solid #e3e8ef;border-radius:12px;padding:16px;overflow-x:auto}
h2{margin:0 0 10px;font-size:1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef1f5;vertical-align:top}
th{color:#5d6b82;font-weight:600;white-space:nowrap}
code{font-size:.8rem;word-break:break-all}
.status{font-weight:700}.PENDING{color:#a06200}.SUCCESS{color:#0f8a5f}.FAILED,.EXPIRED{color:#c62f3b}.REFUNDED{color:#5b4bc4}
form{display:inline}
button{font:inherit;padding:4px 10px;border-radius:8px;border:1px solid #c8d0dc;background:#fff;cursor:pointer}
button:hover{background:#f0f3f8}
.row{display:flex;gap:10px;flex-wrap:wrap;align-items:end}
label{display:grid;gap:2px;font-size:.8rem;color:#5d6b82}
input,select{font:inherit;padding:4px 6px;border:1px solid #c8d0dc;border-radius:6px}
input[type=number]{width:7em}
.muted{color:#5d6b82}
details summary{cursor:pointer;color:#2a6df4}
`;

const FAULT_PRESETS = [
  ["generate-order/error500", "generate-order: HTTP 500"],
  ["generate-order/timeout", "generate-order: hold answer (ms)"],
  ["generate-order/failed-status", "generate-order: payment.status FAILED"],
  ["generate-order/bad-signature", "generate-order: wrong response Signature"],
  ["check-status/error500", "check-status: HTTP 500"],
  ["check-status/timeout", "check-status: hold answer (ms)"],
  ["check-status/bad-signature", "check-status: wrong response Signature"],
  ["check-status/wrong-amount", "check-status: signed answer with another amount"],
  ["check-status/wrong-invoice", "check-status: signed answer for another invoice"],
  ["check-status/unrecognised-status", "check-status: signed answer with an undocumented status"],
  ["notification/duplicate", "notification: duplicate (copies)"],
  ["notification/delay", "notification: delay (ms)"],
  ["notification/drop", "notification: drop first attempts (count)"],
  ["notification/failed-then-success", "notification: FAILED then SUCCESS"],
  ["notification/tampered-signature", "notification: tampered signature"],
] as const;

const action = (href: string, label: string) =>
  `<form method="post" action="${e(href)}"><button type="submit">${e(label)}</button></form>`;

export function renderControlPage(ctx: SandboxContext): string {
  const { state, config } = ctx;
  const orders = state.allOrders().reverse();
  const deliveries = [...state.deliveries].reverse();

  const orderRows = orders
    .map((o) => {
      const base = `/_sandbox/orders/${encodeURIComponent(o.invoiceNumber)}`;
      const actions =
        o.status === "PENDING"
          ? [
              action(`${base}/approve`, "Approve"),
              action(`${base}/decline`, "Decline"),
              action(`${base}/expire`, "Expire"),
            ]
          : o.status === "SUCCESS"
            ? [action(`${base}/refund`, "Refund")]
            : [];
      const page =
        o.paymentUrl && o.status === "PENDING"
          ? ` <a href="${e(o.paymentUrl)}">Kredivo page</a>`
          : "";
      return `<tr><td><code>${e(o.invoiceNumber)}</code></td><td>${formatRupiah(o.amount)}</td>
<td class="status ${o.status}">${o.status}</td><td>${e(o.createdAt.toISOString())}</td><td>${e(o.expiresAt.toISOString())}</td>
<td><code>${e(o.notificationUrl)}</code></td><td>${actions.join(" ")}${page}</td></tr>`;
    })
    .join("\n");

  const deliveryRows = deliveries
    .map((d) => {
      const flags = [
        d.dropped && "dropped",
        d.duplicate && `copy ${d.copy}`,
        d.tampered && "tampered",
      ]
        .filter(Boolean)
        .join(", ");
      const answer = d.dropped
        ? '<span class="muted">not sent</span>'
        : d.error
          ? `error: ${e(d.error)}`
          : `HTTP ${d.httpStatus}${d.responseBody ? ` <details><summary>body</summary><code>${e(d.responseBody)}</code></details>` : ""}`;
      return `<tr><td>${e(d.at)}</td><td><code>${e(d.invoiceNumber)}</code></td><td class="status ${d.status}">${d.status}</td>
<td>${d.attempt}</td><td><code>${e(d.requestId)}</code></td><td><code>${e(d.url)}</code></td><td>${answer}</td><td>${e(flags)}</td></tr>`;
    })
    .join("\n");

  const faultRows = state.faults
    .map(
      (f) =>
        `<tr><td>${e(f.target)}</td><td>${e(f.kind)}</td><td>${f.remaining} of ${f.times}</td><td><code>${e(JSON.stringify(f))}</code></td></tr>`,
    )
    .join("\n");

  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>DOKU sandbox control</title><style>${STYLE}</style></head>
<body>
<header><h1>DOKU × Kredivo sandbox</h1>
<p>Client-Id <code>${e(config.clientId)}</code> · notifications to <code>${e(config.notificationUrl)}</code> · time scale ${config.timeScale}</p>
<p><a href="/_sandbox" style="color:#fff">Refresh</a> · <a href="/_sandbox/mailbox" style="color:#fff">Mailbox (${state.mailbox.count})</a> · <a href="/_sandbox/webhooks" style="color:#fff">Webhooks (${state.webhooks.count})</a></p></header>
<main>
<section aria-labelledby="orders-h"><h2 id="orders-h">Orders (${orders.length})</h2>
${orders.length ? `<table><thead><tr><th>Invoice</th><th>Amount</th><th>Status</th><th>Created</th><th>Expires</th><th>Notifies</th><th>Actions</th></tr></thead><tbody>${orderRows}</tbody></table>` : '<p class="muted">No orders yet.</p>'}
</section>
<section aria-labelledby="faults-h"><h2 id="faults-h">Faults</h2>
${state.faults.length ? `<table><thead><tr><th>Target</th><th>Kind</th><th>Remaining</th><th>Spec</th></tr></thead><tbody>${faultRows}</tbody></table>` : '<p class="muted">No active faults.</p>'}
<form method="post" action="/_sandbox/faults" class="row" style="display:flex;margin-top:10px">
<label>Fault<select name="preset">${FAULT_PRESETS.map(([v, l]) => `<option value="${v}">${e(l)}</option>`).join("")}</select></label>
<label>Times<input type="number" name="times" min="1" value="1"></label>
<label>ms<input type="number" name="ms" min="0"></label>
<label>Copies<input type="number" name="copies" min="2"></label>
<label>Count<input type="number" name="count" min="1"></label>
<button type="submit">Add fault</button>
</form>
<p>${action("/_sandbox/faults/clear", "Clear faults")} ${action("/_sandbox/reset", "Reset everything")}</p>
</section>
<section aria-labelledby="deliveries-h"><h2 id="deliveries-h">Notification attempts (${deliveries.length})</h2>
${deliveries.length ? `<table><thead><tr><th>Time</th><th>Invoice</th><th>Sent</th><th>Attempt</th><th>Request-Id</th><th>URL</th><th>Merchant answer</th><th>Flags</th></tr></thead><tbody>${deliveryRows}</tbody></table>` : '<p class="muted">Nothing sent yet.</p>'}
</section>
</main>
</body></html>`;
}
