// The Content-Security-Policy for every page, built per request with its nonce (proxy.ts).
// The headers that never vary live in next.config.mjs.

/** Where the browser may be sent by a form or a redirect after one: us, DOKU, Kredivo. */
function formTargets(dokuBaseUrl: string | undefined): string {
  const origins = new Set(["'self'", "https://*.doku.com", "https://*.kredivo.com"]);
  try {
    if (dokuBaseUrl) origins.add(new URL(dokuBaseUrl).origin);
  } catch {
    // A malformed base URL is reported by lib/env at start-up; here it simply adds nothing.
  }
  return [...origins].join(" ");
}

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; dokuBaseUrl?: string }): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run; 'strict-dynamic' lets Next's own chunks load.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind ships a stylesheet; React sets a few style attributes, which CSP counts as inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws:" : ""}`,
    `form-action ${formTargets(options.dokuBaseUrl)}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}
