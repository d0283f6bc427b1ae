// Runs before every page but the reads of the cached ones (the matcher below says which):
// - the shopper's language, from the cookie, in a header for next-intl; the URL never changes with
//   the language. The rewrite to app/[locale]/… is next.config.mjs's (lib/language-routes.mjs,
//   lib/cached-page-routes.mjs): one made here would have an origin, and Next proxies a rewrite
//   over HTTP whenever that origin is not the address it listens on (under -H 127.0.0.1, always);
// - the Content-Security-Policy: a fresh nonce for pages rendered per request; cached pages carry
//   their own policy, with the hashes of their inline scripts (lib/page-cache-handler.mjs);
// - an early sign-in redirect for the back office (a convenience only: every admin page and
//   action checks the session itself).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/content-security-policy.mjs";
import { LOCALE_COOKIE, localeOrDefault } from "@/lib/i18n/locales";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

// next-intl reads this header in server actions and route handlers (pages name their language).
const LOCALE_HEADER = "X-NEXT-INTL-LOCALE";

// The back office's pages for people without a session: signing in, asking for a reset link, and
// the one-time links themselves (the link is the credential).
const PUBLIC_ADMIN_PAGES =
  /^\/admin\/(?:sign-in|forgot-password|invitation\/[^/]+|reset-password\/[^/]+)$/;

function needsSignIn(request: NextRequest): boolean {
  const path = request.nextUrl.pathname;
  if (path !== "/admin" && !path.startsWith("/admin/")) return false;
  if (PUBLIC_ADMIN_PAGES.test(path)) return false;
  // Server actions and other non-GET requests are refused by the action's own session check,
  // which answers in a form the client understands; a proxy redirect would break that.
  if (request.method !== "GET" || request.headers.has("next-action")) return false;
  return !SESSION_COOKIES.some((name) => request.cookies.has(name));
}

/**
 * The pages served from the page cache: the catalogue and the product pages, when read. Their
 * reads mostly skip the proxy (the matcher); one that comes here, with a Content-Type, is routed
 * the same way. A POST there (a server action without JavaScript) renders per request and gets a
 * nonce like any other.
 */
export function isCachedPage(method: string, path: string): boolean {
  return (
    (method === "GET" || method === "HEAD") && (path === "/" || /^\/products\/[^/]+$/.test(path))
  );
}

export function proxy(request: NextRequest) {
  if (needsSignIn(request)) {
    // From APP_BASE_URL: request.url is the address Next listens on, not the one the browser used.
    const url = new URL("/admin/sign-in", process.env.APP_BASE_URL);
    url.searchParams.set("from", request.nextUrl.pathname);
    return NextResponse.redirect(url);
  }

  const path = request.nextUrl.pathname;
  // The same choice as next.config.mjs's rewrites make from the same cookie.
  const locale = localeOrDefault(request.cookies.get(LOCALE_COOKIE)?.value);
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, locale);

  const dev = process.env.NODE_ENV === "development";
  // Nothing is cached in development, so every page there gets the nonce policy.
  if (isCachedPage(request.method, path) && !dev)
    return NextResponse.next({ request: { headers } });

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({ nonce }, { dev, dokuBaseUrl: process.env.DOKU_BASE_URL });
  // Next reads the nonce from the request's CSP header and puts it on its own script tags.
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Next reads the matcher without running this file, so it must be literal. Everything runs the
// proxy but what is listed here, so that no other path can reach app/[locale] with a "language"
// such as `x.png` (and without a policy): the rewrites of lib/language-routes.mjs match the same
// paths and put a language of ours in front, and a path that already had one is a 404.
export const config = {
  matcher: [
    // Skipped: Next's own files, /api (DOKU's notification must stay fast; app/api/[...unknown]
    // answers what no handler claims), the app's icon, the cached pages ("/" and "/products/<slug>",
    // lib/cached-page-routes.mjs), the pictures in public/products and any file in public/static.
    // A file put in public/ elsewhere would be rewritten to a page: tests/unit/page-routing.test.ts
    // checks every one...
    "/((?!_next/static/|_next/image$|api/|static/|icon\\.svg$|products/[^/]+$|$).*)",
    // ...unless the request has a body: a form post or a server action, rendered per request.
    { source: "/", has: [{ type: "header", key: "content-type" }] },
    { source: "/products/:slug", has: [{ type: "header", key: "content-type" }] },
  ],
};
