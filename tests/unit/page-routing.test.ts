// Which requests run proxy.ts and where the rest are routed: the cached pages' reads skip the
// proxy and reach their language's copy through next.config.mjs's rewrites; everything else, and
// every request with a body, runs the proxy (its nonce policy, its language header).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import {
  getRewrittenUrl,
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config.mjs";
import { config } from "../../proxy";

const BASE = "https://shop.example";
const runsProxy = (path: string, headers: Record<string, string> = {}) =>
  unstable_doesMiddlewareMatch({ config, url: `${BASE}${path}`, headers });

async function rewrittenTo(
  path: string,
  cookies: Record<string, string> = {},
): Promise<string | null> {
  const response = await unstable_getResponseFromNextConfig({
    url: `${BASE}${path}`,
    nextConfig,
    cookies,
  });
  const url = getRewrittenUrl(response);
  return url === null ? null : new URL(url).pathname;
}

describe("the proxy's matcher", () => {
  it("leaves out the reads of the catalogue and the product pages", () => {
    expect(runsProxy("/")).toBe(false);
    expect(runsProxy("/products/lintas-x5-smartphone")).toBe(false);
  });

  it("runs for the same pages when the request has a body (a form post or a server action)", () => {
    expect(runsProxy("/", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(
      runsProxy("/products/lintas-x5-smartphone", {
        "content-type": "text/plain;charset=UTF-8",
        "next-action": "abc",
      }),
    ).toBe(true);
  });

  it("runs for every page rendered per request", () => {
    for (const path of [
      "/cart",
      "/checkout",
      "/orders/tok_123",
      "/orders/tok_123/return",
      "/admin",
      "/admin/orders/1",
      "/products",
      "/products/a/b",
      "/nope",
    ]) {
      expect(runsProxy(path), path).toBe(true);
    }
  });

  it("skips Next's files, the icon and /api (whose unknown paths app/api/[...unknown] answers)", () => {
    for (const path of [
      "/api/doku/notifications",
      "/api/health",
      "/api/ready",
      "/api/auth/session",
      "/api/orders/tok_123/status",
      "/api/orders/tok_123",
      "/_next/static/chunks/a.js",
      "/icon.svg",
      "/static/robots-notes.txt",
    ]) {
      expect(runsProxy(path), path).toBe(false);
    }
  });

  it("skips every file in public/, which Next serves before the proxy could rewrite it", () => {
    const files = readdirSync("public", { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const path = `/${relative("public", join(file.parentPath, file.name)).split(sep).join("/")}`;
      expect(
        runsProxy(path),
        `${path} would be rewritten to a page: add it to proxy.ts's matcher exclusions`,
      ).toBe(false);
    }
  });

  it("runs for every other path, so none reaches app/[locale] with a language we do not speak @faults", () => {
    const strangers = [
      "/api",
      "/x123.png",
      "/robots.txt",
      "/favicon.ico",
      "/favicon.ico/x",
      "/id",
      "/en/products/x",
      "/id/admin/orders/1.png",
      "/_next/data/x.json",
    ];
    for (const path of strangers) expect(runsProxy(path), path).toBe(true);
  });
});

describe("next.config.mjs's rewrites", () => {
  it("send a read of a cached page to the language in the cookie, Bahasa Indonesia by default", async () => {
    expect(await rewrittenTo("/")).toBe("/id");
    expect(await rewrittenTo("/", { NEXT_LOCALE: "en" })).toBe("/en");
    expect(await rewrittenTo("/products/lintas-x5-smartphone", { NEXT_LOCALE: "en" })).toBe(
      "/en/products/lintas-x5-smartphone",
    );
    expect(await rewrittenTo("/products/lintas-x5-smartphone", { NEXT_LOCALE: "id" })).toBe(
      "/id/products/lintas-x5-smartphone",
    );
  });

  it("treat a language we do not speak as the default", async () => {
    expect(await rewrittenTo("/products/lintas-x5-smartphone", { NEXT_LOCALE: "fr" })).toBe(
      "/id/products/lintas-x5-smartphone",
    );
    expect(await rewrittenTo("/", { NEXT_LOCALE: "en-evil" })).toBe("/id");
  });

  it("leave every other page to the proxy", async () => {
    for (const path of ["/cart", "/checkout", "/orders/tok_123", "/id/products/x", "/en"])
      expect(await rewrittenTo(path), path).toBeNull();
  });
});
