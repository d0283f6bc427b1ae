// What the page cache keeps: the catalogue and the product pages that exist, in the shop's
// languages, and nothing else a stranger can name (issue: a flood of unknown slugs filled the disk).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SharedCacheControls } from "next/dist/server/lib/incremental-cache/shared-cache-controls.external.js";
import { nodeFs } from "next/dist/server/lib/node-fs-methods.js";
import { describe, expect, it } from "vitest";
import PageCacheHandler, { isStorablePage } from "../../lib/page-cache-handler.mjs";

// Next 16 names an entry by its route's folder, then the path.
const key = (path: string) =>
  `/route-cache/APP_PAGE/20fc3a66283134b3526461fd0777567991a8c9cc1de875fd70234d95e88a2418/$${path}`;
const page = (status?: number) => ({ kind: "APP_PAGE", html: "<html></html>", status });

describe("the page cache keeps only what the shop links to @faults", () => {
  it("keeps the catalogue and a product page that was found, in each language", () => {
    for (const path of [
      "/id",
      "/en",
      "/id/products/batik-kawung-tote",
      "/en/products/lintas-x5-smartphone",
    ]) {
      expect(isStorablePage(key(path), page()), path).toBe(true);
      expect(isStorablePage(key(path), page(200)), path).toBe(true);
    }
  });

  it("keeps no page that was not found", () => {
    expect(isStorablePage(key("/id/products/no-such-product"), page(404))).toBe(false);
    expect(isStorablePage(key("/en"), page(404))).toBe(false);
  });

  it("keeps nothing under a language the shop does not speak, or at a path it does not link to", () => {
    for (const path of [
      "/x1a2b.png",
      "/api/products/x",
      "/favicon.ico/x",
      "/fr",
      "/id/products/a/b",
      "/id/cart",
      "/idx",
    ]) {
      expect(isStorablePage(key(path), page()), path).toBe(false);
    }
  });

  it("leaves entries other than pages to Next", () => {
    expect(isStorablePage(key("/icon.svg"), { kind: "APP_ROUTE" })).toBe(true);
  });
});

// The handler itself on a temporary build folder: what reaches the disk, and what stays in Next's
// map of each stored route's revalidate time (one entry per path Next was asked to store).
describe("the page cache handler @faults", () => {
  // A static of Next's, private in its types.
  const notes = (SharedCacheControls as unknown as { cacheControls: Map<string, unknown> })
    .cacheControls;
  const route =
    "/route-cache/APP_PAGE/20fc3a66283134b3526461fd0777567991a8c9cc1de875fd70234d95e88a2418/$";
  const found = () => ({
    kind: "APP_PAGE",
    html: "<html><script>1</script></html>",
    rscData: Buffer.from(""),
    headers: {},
    status: 200,
  });
  const missing = () => ({ ...found(), status: 404 });
  const ctx = {
    cacheControl: { revalidate: 5, expire: 31536000 },
    isRoutePPREnabled: false,
    isFallback: false,
  };

  function handler() {
    const dir = mkdtempSync(join(tmpdir(), "page-cache-"));
    const cache = new PageCacheHandler({
      fs: nodeFs,
      serverDistDir: dir,
      flushToDisk: true,
      revalidatedTags: [],
    });
    /** As Next does: note the revalidate time, then ask the handler to store. */
    const set = async (path: string, value: object) => {
      notes.set(`${route}${path}`, ctx.cacheControl);
      await cache.set(`${route}${path}`, value, ctx);
    };
    return { dir, set, stored: (path: string) => existsSync(join(dir, `${route}${path}.html`)) };
  }

  it("stores a found product page, and neither the file nor Next's note of an unknown slug", async () => {
    const { set, stored } = handler();
    await set("/id/products/batik-kawung-tote", found());
    await set("/id/products/no-such-thing", missing());
    await set("/x1.png", found());
    expect(stored("/id/products/batik-kawung-tote")).toBe(true);
    expect(stored("/id/products/no-such-thing")).toBe(false);
    expect(stored("/x1.png")).toBe(false);
    expect(notes.has(`${route}/id/products/batik-kawung-tote`)).toBe(true);
    expect(notes.has(`${route}/id/products/no-such-thing`)).toBe(false);
    expect(notes.has(`${route}/x1.png`)).toBe(false);
  });

  it("replaces a kept page with its 404 when the product goes off sale, so no stale copy is served", async () => {
    const { dir, set, stored } = handler();
    await set("/en/products/batik-kawung-tote", found());
    await set("/en/products/batik-kawung-tote", missing());
    expect(stored("/en/products/batik-kawung-tote")).toBe(true);
    const meta = JSON.parse(
      readFileSync(join(dir, `${route}/en/products/batik-kawung-tote.meta`), "utf8"),
    ) as { status: number };
    expect(meta.status).toBe(404);
  });
});
