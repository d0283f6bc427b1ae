import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";
import {
  CACHED_PAGE_SOURCES,
  cachedPageRewrites,
  PRIVATE_CACHED_PAGE,
} from "./lib/cached-page-routes.mjs";
import { proxiedPageRewrites } from "./lib/language-routes.mjs";

// Headers that never vary per request. The Content-Security-Policy varies: proxy.ts sets it with
// a nonce on pages rendered per request, the page cache handler with script hashes on cached ones.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Browsers ignore HSTS over plain http, so it is harmless on a local demo and right in production.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden(): a back-office action or page the signed-in role may not use answers 403
  // (lib/admin/admin-action.ts, lib/auth/guard.ts requireRole).
  experimental: { authInterrupts: true },
  // The production image runs .next/standalone: the server and only the files it uses (Dockerfile).
  output: "standalone",
  outputFileTracingExcludes: {
    "*": [
      // The shop shows SVGs through a plain <img> (components/ui/product-image.tsx): nothing calls
      // Next's image optimiser, so its sharp and libvips (20 MB) stay out of the image.
      "node_modules/sharp/**",
      "node_modules/@img/**",
    ],
  },
  // Loaded from node_modules at run time, not bundled (next build traces both into
  // .next/standalone): a native module, and the metrics library (one copy for the instrumentation
  // and route bundles).
  serverExternalPackages: ["better-sqlite3", "prom-client"],
  // Next's page cache, plus a hash-based Content-Security-Policy on every page it keeps.
  cacheHandler: fileURLToPath(new URL("./lib/page-cache-handler.mjs", import.meta.url)),
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The cached pages differ by the language cookie at one URL: no shared cache (a CDN, nginx's
      // proxy_cache) may keep them, or it would serve one shopper's language to all. Next's page
      // cache on the server is what makes them fast; the browser revalidates by ETag
      // (docs/caching.md, "Shared caches"). Next keeps a Cache-Control set here.
      // A request with a body (a server action, a form post) keeps Next's own no-store.
      ...CACHED_PAGE_SOURCES.map((source) => ({
        source,
        missing: [{ type: "header", key: "content-type" }],
        headers: [{ key: "Cache-Control", value: PRIVATE_CACHED_PAGE }],
      })),
      // The pictures in public/products share the product pages' path; they are the same in every language.
      {
        source: "/products/:image(.+\\.svg)",
        headers: [{ key: "Cache-Control", value: "public, max-age=0" }],
      },
    ];
  },
  // Every page goes to its language's copy here, by the cookie: right after proxy.ts for the pages
  // that run it (it adds the policy and the language header), after Next's files for the reads of
  // the cached pages, which skip it. Relative rewrites, never sent over HTTP whatever address the
  // server listens on (lib/language-routes.mjs says why proxy.ts does not rewrite).
  async rewrites() {
    return { beforeFiles: proxiedPageRewrites(), afterFiles: cachedPageRewrites(), fallback: [] };
  },
};

// next-intl reads the shopper's language and its messages per request (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
