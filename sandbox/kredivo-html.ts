// The stand-in Kredivo payment page. Server-rendered with inline CSS and no JS, so it works in
// any browser the e2e tests drive and looks close enough to the real page for a demo.
import { escapeHtml as e, formatRupiah } from "./html";
import type { SandboxOrder } from "./state";
import { tenorOptions } from "./tenor";

const STYLE = `
:root{--brand:#f26b21;--brand-dark:#c9500f;--ink:#17233b;--muted:#5d6b82;--line:#e3e8ef;
--bg:#f4f6fa;--card:#fff;--ok:#0f8a5f;--bad:#c62f3b;--focus:#2a6df4}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.topbar{background:var(--card);border-bottom:1px solid var(--line)}
.topbar-inner{max-width:960px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:10px}
.brand{font-weight:800;font-size:1.45rem;letter-spacing:-.02em;color:var(--brand)}
.badge{font-size:.7rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:#7a3a00;background:#ffe7d6;border:1px solid #ffc9a6;border-radius:999px;padding:2px 8px}
.secure{margin-left:auto;font-size:.85rem;color:var(--muted);display:flex;align-items:center;gap:6px}
.wrap{max-width:960px;margin:0 auto;padding:24px 20px 40px;display:grid;gap:20px;grid-template-columns:minmax(0,1fr)}
@media (min-width:760px){.wrap.two{grid-template-columns:minmax(0,5fr) minmax(0,6fr);align-items:start}}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:22px;box-shadow:0 1px 2px rgba(23,35,59,.04),0 8px 24px rgba(23,35,59,.06)}
.eyebrow{margin:0;font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
h1{margin:2px 0 4px;font-size:1.4rem;line-height:1.25}
h2{margin:0 0 12px;font-size:1.05rem}
.muted{color:var(--muted);font-size:.9rem;margin:0}
.summary h2{margin-top:20px}
.items{list-style:none;margin:0;padding:0;border-top:1px solid var(--line)}
.items li{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-bottom:1px solid var(--line);font-size:.95rem}
.qty{color:var(--muted);white-space:nowrap}
.line-total{white-space:nowrap;font-variant-numeric:tabular-nums}
.total{display:flex;justify-content:space-between;align-items:baseline;padding-top:14px;font-size:1.05rem}
.total strong{font-size:1.35rem;font-variant-numeric:tabular-nums}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;margin-bottom:12px;font-size:1.05rem;font-weight:700}
.tenors{display:grid;gap:10px}
.tenor{display:flex;align-items:center;gap:12px;padding:14px;border:1.5px solid var(--line);border-radius:12px;cursor:pointer;background:var(--card)}
.tenor:hover{border-color:#f7b58f}
.tenor input{width:20px;height:20px;margin:0;accent-color:var(--brand);flex:none}
.tenor:has(input:checked){border-color:var(--brand);background:#fff7f2}
.tenor input:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.tenor-body{display:flex;flex-direction:column;flex:1;min-width:0}
.tenor-title{font-weight:650;white-space:nowrap}
.nowrap{white-space:nowrap}
.tenor-note{font-size:.85rem;color:var(--muted)}
.tenor-amount{font-weight:700;white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}
.actions{display:grid;gap:10px;margin-top:20px}
.btn{appearance:none;display:block;width:100%;text-align:center;font:inherit;font-weight:700;padding:13px 16px;border-radius:12px;border:1.5px solid transparent;cursor:pointer;text-decoration:none}
.btn:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.btn.primary{background:var(--brand);color:#fff}
.btn.primary:hover{background:var(--brand-dark)}
.btn.secondary{background:#fff;color:var(--bad);border-color:#f0c4c8}
.btn.secondary:hover{background:#fff5f6}
.btn.quiet{background:transparent;color:var(--muted);font-weight:600;text-decoration:underline;text-underline-offset:3px}
.footnote{grid-column:1/-1;text-align:center;font-size:.8rem;color:var(--muted);margin:0}
.status{max-width:520px;margin:40px auto;text-align:center}
.status .icon{width:56px;height:56px;border-radius:50%;display:grid;place-items:center;margin:0 auto 12px;font-size:1.6rem;font-weight:800;color:#fff;background:var(--muted)}
.status .icon.ok{background:var(--ok)}.status .icon.bad{background:var(--bad)}
.status p{margin:8px 0 18px;color:var(--muted)}
@media (max-width:420px){.card{padding:18px;border-radius:14px}.wrap{padding:16px 12px 32px}.secure span{display:none}
.tenor{flex-wrap:wrap;row-gap:2px}.tenor-amount{flex-basis:100%;text-align:left;padding-left:32px}}
`;

const LOCK_ICON =
  '<svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"/></svg>';

const wibDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Jakarta",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

function layout(title: string, main: string, twoColumns = false): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar"><div class="topbar-inner">
<span class="brand">Kredivo</span><span class="badge">sandbox</span>
<span class="secure">${LOCK_ICON}<span>Secure checkout</span></span>
</div></header>
<main class="wrap${twoColumns ? " two" : ""}">
${main}
<p class="footnote">Local DOKU × Kredivo sandbox — no real money moves and no credit check is made.</p>
</main>
</body>
</html>`;
}

export function merchantName(order: SandboxOrder): string {
  const names = (order.request.sellers ?? [])
    .map((s) => s.name?.trim())
    .filter((n): n is string => Boolean(n));
  return names.length > 0 ? [...new Set(names)].join(", ") : "Merchant";
}

export function paymentPage(order: SandboxOrder): string {
  const merchant = merchantName(order);
  const items = order.request.order.line_items
    .map(
      (item) =>
        `<li><span>${e(item.name)} <span class="qty">× ${item.quantity}</span></span>` +
        `<span class="line-total">${formatRupiah(item.price * item.quantity)}</span></li>`,
    )
    .join("\n");
  const tenors = tenorOptions(order.amount)
    .map((t, i) => {
      const id = `tenor-${t.value}`;
      const amount =
        t.months === null
          ? formatRupiah(t.instalment)
          : `${formatRupiah(t.instalment)}<span lang="id">/bulan</span>`;
      const note =
        t.months === null
          ? "0% interest · pay the full amount"
          : `${e(t.interest)} · total <span class="nowrap">${formatRupiah(t.total)}</span>`;
      return `<label class="tenor" for="${id}">
<input type="radio" id="${id}" name="tenor" value="${t.value}"${i === 0 ? " checked" : ""}>
<span class="tenor-body"><span class="tenor-title">${e(t.label)}</span><span class="tenor-note">${note}</span></span>
<span class="tenor-amount">${amount}</span>
</label>`;
    })
    .join("\n");

  const main = `<section class="card summary" aria-labelledby="merchant-heading">
<p class="eyebrow">Paying to</p>
<h1 id="merchant-heading">${e(merchant)}</h1>
<p class="muted">Invoice ${e(order.invoiceNumber)} · link valid until ${e(wibDateTime.format(order.expiresAt))} WIB</p>
<h2 id="items-heading">Order summary</h2>
<ul class="items" aria-labelledby="items-heading">
${items}
</ul>
<div class="total"><span>Total</span><strong id="order-total">${formatRupiah(order.amount)}</strong></div>
</section>
<form class="card" method="post" action="/kredivo/signIn/approve">
<input type="hidden" name="tk" value="${e(order.token)}">
<fieldset>
<legend>Choose how to pay</legend>
<div class="tenors">
${tenors}
</div>
</fieldset>
<div class="actions">
<button type="submit" class="btn primary">Approve payment</button>
<button type="submit" class="btn secondary" formaction="/kredivo/signIn/decline">Decline</button>
<button type="submit" class="btn quiet" formaction="/kredivo/signIn/cancel">Cancel and return to merchant</button>
</div>
</form>`;
  return layout(`Kredivo — pay ${formatRupiah(order.amount)} to ${merchant}`, main, true);
}

interface StatusPage {
  title: string;
  message: string;
  tone: "ok" | "bad" | "neutral";
  link?: { href: string; label: string };
}

export function statusPage(p: StatusPage): string {
  const icon = p.tone === "ok" ? "✓" : p.tone === "bad" ? "!" : "i";
  const link = p.link
    ? `<a class="btn primary" href="${e(p.link.href)}">${e(p.link.label)}</a>`
    : "";
  return layout(
    `Kredivo — ${p.title}`,
    `<section class="card status" aria-labelledby="status-heading">
<div class="icon ${p.tone}" aria-hidden="true">${icon}</div>
<h1 id="status-heading">${e(p.title)}</h1>
<p>${e(p.message)}</p>
${link}
</section>`,
  );
}

/** The page for an order that can no longer be paid, or null when it is still payable. */
export function closedOrderPage(order: SandboxOrder): string | null {
  const back = { href: order.callbackUrl, label: "Return to merchant" };
  switch (order.status) {
    case "PENDING":
      return null;
    case "EXPIRED":
      return statusPage({
        title: "This payment link has expired",
        message: `Invoice ${order.invoiceNumber} was not paid before ${wibDateTime.format(order.expiresAt)} WIB. Start a new checkout at the merchant.`,
        tone: "bad",
        link: { href: order.callbackUrlCancel ?? order.callbackUrl, label: "Return to merchant" },
      });
    case "SUCCESS":
    case "REFUNDED":
      return statusPage({
        title: "This order is already paid",
        message: `Invoice ${order.invoiceNumber} (${formatRupiah(order.amount)}) has already been paid with Kredivo.`,
        tone: "ok",
        link: back,
      });
    case "FAILED":
      return statusPage({
        title: "This payment was declined",
        message: `Invoice ${order.invoiceNumber} has already been declined and cannot be paid with this link.`,
        tone: "bad",
        link: back,
      });
  }
}

export function notFoundPage(): string {
  return statusPage({
    title: "Payment link not found",
    message:
      "This Kredivo payment link is not valid. Return to the merchant and start the payment again.",
    tone: "neutral",
  });
}
