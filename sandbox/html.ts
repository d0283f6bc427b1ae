// Tiny helpers for the server-rendered pages (no template engine, no client JS).

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const rupiahFormat = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/** `Rp 1.250.000`; negative amounts (discount lines) as `-Rp 10.000`. */
export function formatRupiah(amount: number): string {
  const formatted = `Rp ${rupiahFormat.format(Math.abs(amount))}`;
  return amount < 0 ? `-${formatted}` : formatted;
}
