// What the page cache keeps: the catalogue and the product pages that exist, in the shop's
// languages, and nothing else a stranger can name (issue: a flood of unknown slugs filled the disk).
import { describe, expect, it } from "vitest";
import { isStorablePage } from "../../lib/page-cache-handler.mjs";

// Next 16 names an entry by its route's folder, then the path.
const key = (path: string) => `/route-cache/APP_PAGE/20fc3a66283134b3526461fd0777567991a8c9cc1de875fd70234d95e88a2418/$${path}`;
const page = (status?: number) => ({ kind: "APP_PAGE", html: "<html></html>", status });

describe("the page cache keeps only what the shop links to @faults", () => {
  it("keeps the catalogue and a product page that was found, in each language", () => {
    for (const path of ["/id", "/en", "/id/products/batik-kawung-tote", "/en/products/lintas-x5-smartphone"]) {
      expect(isStorablePage(key(path), page()), path).toBe(true);
      expect(isStorablePage(key(path), page(200)), path).toBe(true);
    }
  });

  it("keeps no page that was not found", () => {
    expect(isStorablePage(key("/id/products/no-such-product"), page(404))).toBe(false);
    expect(isStorablePage(key("/en"), page(404))).toBe(false);
  });

  it("keeps nothing under a language the shop does not speak, or at a path it does not link to", () => {
    for (const path of ["/x1a2b.png", "/api/products/x", "/favicon.ico/x", "/fr", "/id/products/a/b", "/id/cart", "/idx"]) {
      expect(isStorablePage(key(path), page()), path).toBe(false);
    }
  });

  it("keeps no slug too long to be a file name", () => {
    expect(isStorablePage(key(`/id/products/${"x".repeat(201)}`), page())).toBe(false);
  });

  it("leaves entries other than pages to Next", () => {
    expect(isStorablePage(key("/icon.svg"), { kind: "APP_ROUTE" })).toBe(true);
  });
});
