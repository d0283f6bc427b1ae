// Next's own file-system page cache, plus two things:
// - every page it keeps carries a Content-Security-Policy that allows exactly the inline scripts
//   in that page's HTML (their SHA-256 hashes). The policy is computed once per cached version,
//   when the page is stored, and served with it; a page read back from disk without one gets it
//   then. A cached page cannot carry a per-response nonce, and this keeps injected scripts out all
//   the same (docs/caching.md);
// - it keeps only what the shop links to: the catalogue and a product page that exists, in a
//   language the shop speaks. Anything else a stranger asks for (an unknown slug) is rendered and
//   answered, but never stored, on disk or in memory, so requests cannot grow either without
//   bound. A page that was kept and now answers 404 (a product taken off sale) replaces its copy.
// Loaded by Next uncompiled (next.config.mjs `cacheHandler`). It extends two Next internals (the
// file-system cache, and the map of each stored route's revalidate time): after upgrading Next,
// `npm test` checks both (e2e/stranger-requests.spec.ts, e2e/cached-pages.spec.ts).
import { existsSync } from "node:fs";
import FileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { SharedCacheControls } from "next/dist/server/lib/incremental-cache/shared-cache-controls.external.js";
import { contentSecurityPolicy, inlineScriptHashes } from "./content-security-policy.mjs";
import { locales } from "./i18n/locale-list.mjs";

const HEADER = "content-security-policy";

/** Adds the hash policy to a cached page's stored headers, in place (the first response shares them). */
export function withScriptHashPolicy(value) {
  if (value?.kind !== "APP_PAGE" || typeof value.html !== "string") return value;
  value.headers ??= {};
  value.headers[HEADER] = contentSecurityPolicy(
    { hashes: inlineScriptHashes(value.html) },
    { dev: false, dokuBaseUrl: process.env.DOKU_BASE_URL },
  );
  return value;
}

// The catalogue and the product pages in each language, at the end of the key (Next prefixes the
// path with its route's folder: `/route-cache/APP_PAGE/<route hash>/$/id/products/<slug>`).
const SHOP_PAGE = new RegExp(`(?:^|/\\$)/(?:${locales.join("|")})(?:/products/[^/]+)?$`);

/** Whether a rendered page is one the shop serves from the cache: a known page that was found. */
export function isStorablePage(key, value) {
  if (value?.kind !== "APP_PAGE") return true;
  const found = value.status === undefined || value.status === 200;
  return found && SHOP_PAGE.test(key);
}

export default class PageCacheHandler extends (FileSystemCache.default ?? FileSystemCache) {
  async get(...args) {
    const entry = await super.get(...args);
    if (entry?.value?.kind === "APP_PAGE" && !entry.value.headers?.[HEADER])
      withScriptHashPolicy(entry.value);
    return entry;
  }

  async set(key, data, ctx) {
    // The response being sent shares these headers, so a page that is not kept still gets its policy.
    withScriptHashPolicy(data);
    if (isStorablePage(key, data) || this.#replacesKeptPage(key, data))
      return super.set(key, data, ctx);
    // Next noted this path's revalidate time before asking us to store it; a path not kept must
    // not stay in that map either, or every made-up slug would grow the server's memory.
    SharedCacheControls.cacheControls.delete(key);
  }

  /** A 404 for a shop page that is on disk: the product went off sale, and its copy must go too. */
  #replacesKeptPage(key, value) {
    if (value?.kind !== "APP_PAGE" || !SHOP_PAGE.test(key)) return false;
    return existsSync(this.getFilePath(`${key}.html`, "APP_PAGE"));
  }
}
