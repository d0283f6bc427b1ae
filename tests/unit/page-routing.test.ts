// Which requests run proxy.ts and where they are routed: the cached pages' reads skip the proxy;
// everything else, and every request with a body, runs the proxy (its nonce policy, its language
// header). next.config.mjs's rewrites send every page to its language's copy, relative, so that
// Next never proxies one over HTTP (lib/language-routes.mjs); the proxy itself never rewrites.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import {
  getRewrittenUrl,
  isRewrite,
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PROXIED_PAGE_SOURCE } from "@/lib/language-routes.mjs";
import nextConfig from "../../next.config.mjs";
import { config, proxy } from "../../proxy";

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
      "/api/metrics",
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

  it("send every page that runs the proxy to the language in the cookie, Bahasa Indonesia by default", async () => {
    expect(await rewrittenTo("/cart")).toBe("/id/cart");
    expect(await rewrittenTo("/cart", { NEXT_LOCALE: "en" })).toBe("/en/cart");
    expect(await rewrittenTo("/orders/tok_123/return", { NEXT_LOCALE: "id" })).toBe(
      "/id/orders/tok_123/return",
    );
    expect(await rewrittenTo("/admin/orders/1", { NEXT_LOCALE: "fr" })).toBe("/id/admin/orders/1");
    expect(await rewrittenTo("/checkout", { NEXT_LOCALE: "en-evil" })).toBe("/id/checkout");
  });

  it("put a language in front of a path that already has one (a 404)", async () => {
    expect(await rewrittenTo("/id/products/x")).toBe("/id/id/products/x");
    expect(await rewrittenTo("/en", { NEXT_LOCALE: "en" })).toBe("/en/en");
  });

  it("name no origin, so Next never proxies them over HTTP, whatever address it listens on", async () => {
    const rewrites = await nextConfig.rewrites!();
    const rules = Array.isArray(rewrites)
      ? rewrites
      : [
          ...(rewrites.beforeFiles ?? []),
          ...(rewrites.afterFiles ?? []),
          ...(rewrites.fallback ?? []),
        ];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.destination, rule.source).toMatch(/^\/[^/]/);
  });

  it("match exactly the paths that run the proxy (its matcher, with the path named)", () => {
    expect(config.matcher[0]).toBe(PROXIED_PAGE_SOURCE.replace("/:path(", "/("));
  });
});

describe("the proxy", () => {
  afterEach(() => vi.unstubAllEnvs());
  const request = (
    path: string,
    init: { cookie?: string; method?: string; headers?: Record<string, string> } = {},
  ) =>
    new NextRequest(`http://localhost:3000${path}`, {
      method: init.method ?? "GET",
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
    });

  it("never rewrites: it passes the page on with its policy and the language header", () => {
    for (const [path, init] of [
      ["/cart", {}],
      ["/checkout", { cookie: "NEXT_LOCALE=en" }],
      [
        "/",
        {
          method: "POST",
          headers: { "content-type": "text/plain;charset=UTF-8", "next-action": "abc" },
        },
      ],
      ["/", { headers: { "content-type": "text/plain" } }],
    ] as const) {
      const response = proxy(request(path, init));
      expect(isRewrite(response), path).toBe(false);
      expect(response.headers.get("x-middleware-rewrite"), path).toBeNull();
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
    }
    const english = proxy(request("/cart", { cookie: "NEXT_LOCALE=en" }));
    expect(english.headers.get("x-middleware-request-x-next-intl-locale")).toBe("en");
    expect(english.headers.get("content-security-policy")).toMatch(/'nonce-/);
  });

  it("sends a signed-out visitor of the back office to the sign-in page at APP_BASE_URL, not at the address it listens on", () => {
    vi.stubEnv("APP_BASE_URL", "https://shop.example.com");
    const response = proxy(request("/admin/orders"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(
      "https://shop.example.com/admin/sign-in?from=%2Fadmin%2Forders",
    );
  });
});
