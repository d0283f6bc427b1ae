// How every page that runs proxy.ts reaches its language's copy (app/[locale]/…): Next's own
// rewrites, chosen by the language cookie, applied right after the proxy (`beforeFiles`). The
// proxy cannot rewrite there itself: Next proxies a rewrite over HTTP unless its origin is the one
// Next builds from the address it listens on, and it names 127.0.0.1 and ::1 "localhost" in the
// proxy's URLs, so under `next start -H 127.0.0.1` (or HOSTNAME=127.0.0.1) every such page went
// out as a request to the server itself (docs/deploy.md, "Binding"). A rewrite here has no origin.
// The reads of the cached pages skip the proxy and have their own rules (cached-page-routes.mjs).
import { defaultLocale, LOCALE_COOKIE, locales } from "./i18n/locale-list.mjs";

/**
 * proxy.ts's matcher (its first entry) with the path named for the destination: the same paths,
 * so that no page runs without the proxy's policy and no file or /api path gets a language.
 * tests/unit/page-routing.test.ts keeps the two equal.
 */
export const PROXIED_PAGE_SOURCE =
  "/:path((?!_next/static/|_next/image$|api/|static/|icon\\.svg$|products/[^/]+$|$).*)";

/** next.config.mjs `rewrites.beforeFiles`: one rule per language that has a cookie value, then the default. */
export function proxiedPageRewrites() {
  const others = locales.filter((locale) => locale !== defaultLocale);
  const cookie = (locale) => ({ type: "cookie", key: LOCALE_COOKIE, value: locale });
  return [
    ...others.map((locale) => ({
      source: PROXIED_PAGE_SOURCE,
      has: [cookie(locale)],
      destination: `/${locale}/:path`,
    })),
    // `missing`, not just last: Next applies every matching rule before its file check, one after
    // another, so a default rule without it would put a second language in front of the first.
    {
      source: PROXIED_PAGE_SOURCE,
      missing: others.map(cookie),
      destination: `/${defaultLocale}/:path`,
    },
  ];
}
