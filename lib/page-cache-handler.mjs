// Next's own file-system page cache, plus one thing: every page it keeps carries a
// Content-Security-Policy that allows exactly the inline scripts in that page's HTML (their
// SHA-256 hashes). The policy is computed once per cached version, when the page is stored, and
// served with it; a page read back from disk without one gets it then. A cached page cannot carry
// a per-response nonce, and this keeps injected scripts out all the same (docs/caching.md).
// Loaded by Next uncompiled (next.config.mjs `cacheHandler`).
import FileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { contentSecurityPolicy, inlineScriptHashes } from "./content-security-policy.mjs";

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

export default class PageCacheHandler extends (FileSystemCache.default ?? FileSystemCache) {
  async get(...args) {
    const entry = await super.get(...args);
    if (entry?.value?.kind === "APP_PAGE" && !entry.value.headers?.[HEADER]) withScriptHashPolicy(entry.value);
    return entry;
  }

  async set(key, data, ctx) {
    withScriptHashPolicy(data);
    return super.set(key, data, ctx);
  }
}
