// The Content-Security-Policy of every page. Plain JavaScript because Next loads the page cache
// handler (lib/page-cache-handler.mjs) without compiling it; proxy.ts and tests import it too.
// Pure. The headers that never vary live in next.config.mjs; docs/caching.md explains the two
// ways scripts are allowed.
import { createHash } from "node:crypto";

/** Where the browser may be sent by a form or a redirect after one: us, DOKU, Kredivo. */
function formTargets(dokuBaseUrl) {
  const origins = new Set(["'self'", "https://*.doku.com", "https://*.kredivo.com"]);
  try {
    if (dokuBaseUrl) origins.add(new URL(dokuBaseUrl).origin);
  } catch {
    // A malformed base URL is reported by lib/env at start-up; here it simply adds nothing.
  }
  return [...origins].join(" ");
}

/**
 * `scripts`: `{ nonce }` for a page rendered per request (only scripts carrying this response's
 * nonce run; 'strict-dynamic' lets Next's own chunks load), or `{ hashes }` for a cached page
 * (only the inline scripts it was rendered with run, and scripts from our own origin).
 */
export function contentSecurityPolicy(scripts, options) {
  const scriptSources =
    "nonce" in scripts
      ? `'self' 'nonce-${scripts.nonce}' 'strict-dynamic'`
      : ["'self'", ...scripts.hashes.map((hash) => `'${hash}'`)].join(" ");
  return [
    "default-src 'self'",
    `script-src ${scriptSources}${options.dev ? " 'unsafe-eval'" : ""}`,
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

// A script element's text runs to the first "</script" (the HTML parser's rule); React escapes
// "<" inside the inline payloads it writes, so none of ours ends early.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** CSP hash sources ("sha256-…") of every inline script in a page's HTML, in document order. */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes, body] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
  return [...hashes];
}
