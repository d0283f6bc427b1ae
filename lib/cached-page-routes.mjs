// How a read of a cached page (the catalogue, a product page) reaches its language's copy without
// running proxy.ts: Next's own rewrites, chosen by the language cookie. The proxy halved the
// throughput of these pages in the flash-sale benchmark (bench/flash-results.md), and it has
// nothing to add to them: they carry their own Content-Security-Policy (lib/page-cache-handler.mjs)
// and name their language from the URL. proxy.ts's matcher leaves exactly these reads out.
import { defaultLocale, LOCALE_COOKIE, locales } from "./i18n/locale-list.mjs";

/** The cached pages, as Next route sources; proxy.ts's matcher spells the same two out. */
export const CACHED_PAGE_SOURCES = ["/", "/products/:slug"];

/** Their Cache-Control: the browser may keep them, no shared cache may (they vary by a cookie). */
export const PRIVATE_CACHED_PAGE = "private, no-cache";

/** next.config.mjs `rewrites`: one rule per language that has a cookie value, then the default. */
export function cachedPageRewrites() {
  return CACHED_PAGE_SOURCES.flatMap((source) => {
    const to = (locale) => `/${locale}${source === "/" ? "" : source}`;
    return [
      ...locales
        .filter((locale) => locale !== defaultLocale)
        .map((locale) => ({
          source,
          has: [{ type: "cookie", key: LOCALE_COOKIE, value: locale }],
          destination: to(locale),
        })),
      { source, destination: to(defaultLocale) },
    ];
  });
}
