// Next's own file-system page cache, plus two things:
// - every page it keeps carries a Content-Security-Policy that allows exactly the inline scripts
//   in that page's HTML (their SHA-256 hashes). The policy is computed once per cached version,
//   when the page is stored, and served with it; a page read back from disk without one gets it
//   then. A cached page cannot carry a per-response nonce, and this keeps injected scripts out all
//   the same (docs/caching.md);
// - it keeps only what the shop links to: the catalogue and a product page that exists, in a
//   language the shop speaks. Anything else a stranger asks for (an unknown slug, a path ending in
//   `.png`) is rendered and answered, but never stored, so requests cannot grow the disk.
// Loaded by Next uncompiled (next.config.mjs `cacheHandler`).
import FileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
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
// path with its route's folder: `/route-cache/APP_PAGE/<route hash>/$/id/products/<slug>`); a
// file name holds at most 255 bytes.
const SHOP_PAGE = new RegExp(`(?:^|/\\$)/(?:${locales.join("|")})(?:/products/[^/]{1,200})?$`);

/** Whether a rendered page is one the shop serves from the cache: a known page that was found. */
export function isStorablePage(key, value) {
  if (value?.kind !== "APP_PAGE") return true;
  const found = value.status === undefined || value.status === 200;
  return found && SHOP_PAGE.test(key);
}

export default class PageCacheHandler extends (FileSystemCache.default ?? FileSystemCache) {
  async get(...args) {
    const entry = await super.get(...args);
    if (entry?.value?.kind === "APP_PAGE" && !entry.value.headers?.[HEADER]) withScriptHashPolicy(entry.value);
    return entry;
  }

  async set(key, data, ctx) {
    // The response being sent shares these headers, so a page that is not kept still gets its policy.
    withScriptHashPolicy(data);
    if (!isStorablePage(key, data)) return;
    return super.set(key, data, ctx);
  }
}
