// First-load JavaScript per page: every <script src> under /_next/static in the HTML that
// `next start` serves, fetched and gzipped at level 9, summed. kB = 1,000 bytes. `noModule`
// scripts (Next's polyfills, which only pre-ES-module browsers load) are left out. The share of
// Next's and React's own runtime (`rootMainFiles` of .next/build-manifest.json) is shown apart.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  page: string;
  path: string;
  status: number;
  scripts: number;
  jsGzipKb: number;
  /** Of which the framework runtime every page loads (React, React DOM, Next's router). */
  frameworkGzipKb: number;
  /** The rest: the page's own code, the part the shop controls. */
  ownGzipKb: number;
  htmlGzipKb: number;
}

const gzipCache = new Map<string, number>();

async function gzipSize(url: string): Promise<number> {
  const cached = gzipCache.get(url);
  if (cached !== undefined) return cached;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const size = gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
  gzipCache.set(url, size);
  return size;
}

export function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*>/g)) {
    const tag = match[0];
    if (/\bnomodule\b/i.test(tag)) continue;
    const raw = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (!raw) continue;
    const src = raw.replace(/&amp;/g, "&");
    const path = src.startsWith("http") ? new URL(src).pathname + new URL(src).search : src;
    if (path.startsWith("/_next/static/")) sources.add(path);
  }
  return [...sources];
}

/** The script paths every page loads for the framework, from the build in `nextDir`. */
export function frameworkFiles(nextDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(`${nextDir}/build-manifest.json`, "utf8")) as {
    rootMainFiles?: string[];
  };
  return new Set((manifest.rootMainFiles ?? []).map((f) => `/_next/${f}`));
}

export async function measurePage(
  appUrl: string,
  page: string,
  path: string,
  { framework, cookie }: { framework: Set<string>; cookie?: string },
): Promise<PageWeight> {
  const response = await fetch(`${appUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const html = await response.text();
  const sources = scriptSources(html);
  let bytes = 0;
  let frameworkBytes = 0;
  for (const src of sources) {
    const size = await gzipSize(`${appUrl}${src}`);
    bytes += size;
    if (framework.has(src)) frameworkBytes += size;
  }
  return {
    page,
    path,
    status: response.status,
    scripts: sources.length,
    jsGzipKb: bytes / 1000,
    frameworkGzipKb: frameworkBytes / 1000,
    ownGzipKb: (bytes - frameworkBytes) / 1000,
    htmlGzipKb: gzipSync(Buffer.from(html), { level: 9 }).length / 1000,
  };
}
