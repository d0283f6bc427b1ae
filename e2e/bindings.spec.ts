// The same build under each address `next start` may listen on (docs/deploy.md, "Binding"): every
// interface (-H 0.0.0.0), every IPv6 and IPv4 interface (-H ::), and Next's default (no -H). The
// pages the language rewrite routes, a page that redirects while rendering and API routes answer
// at once, and inside the process: a preload (support/request-counter.cjs) counts the requests the
// server receives and the ones it sends, and each request here is received once, with none sent.
// A rewrite Next took for another origin used to go back to the server over HTTP (a second request
// received, one sent). Server actions that redirect fetch the page from the server by design, so
// none is used here.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { startOwnApp } from "./support/second-app";

/** Far above any page here, far below the 30 s a request sent back to the server itself took. */
const QUICK_MS = 5_000;
const PRELOAD = resolve("e2e/support/request-counter.cjs");

const REQUESTS: [path: string, status: number][] = [
  ["/", 200],
  ["/cart", 200],
  // An empty cart: the page redirects while rendering (a 307, no request of its own).
  ["/checkout", 307],
  ["/admin/sign-in", 200],
  ["/api/health", 200],
  ["/api/ready", 200],
];

const hasIpv6Loopback = Object.values(networkInterfaces())
  .flat()
  .some((i) => i?.internal && (i.family === "IPv6" || (i.family as unknown) === 6));

type Counts = Record<string, { incoming: string[]; outgoing: string[] }>;

/** What each process of the server counted so far, by file (Next may run more than one). */
function counted(dir: string): Counts {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8")) as Counts[string]]),
  );
}

/** What the processes counted after `before`. */
function since(before: Counts, after: Counts): { incoming: string[]; outgoing: string[] } {
  const out = { incoming: [] as string[], outgoing: [] as string[] };
  for (const [file, now] of Object.entries(after)) {
    out.incoming.push(...now.incoming.slice(before[file]?.incoming.length ?? 0));
    out.outgoing.push(...now.outgoing.slice(before[file]?.outgoing.length ?? 0));
  }
  return out;
}

const BINDINGS: { name: string; host: string | null; base: (port: number) => string }[] = [
  { name: "-H 0.0.0.0", host: "0.0.0.0", base: (port) => `http://127.0.0.1:${port}` },
  { name: "-H ::", host: "::", base: (port) => `http://[::1]:${port}` },
  { name: "no -H (Next's default)", host: null, base: (port) => `http://127.0.0.1:${port}` },
];

BINDINGS.forEach(({ name, host, base: baseOf }, index) => {
  test(`${name}: pages and API routes answer at once, each request received once, none sent back`, async () => {
    test.skip(host === "::" && !hasIpv6Loopback, "this machine has no IPv6 loopback");
    test.setTimeout(90_000);
    const port = 3210 + index;
    const counts = mkdtempSync(join(tmpdir(), "tn-request-counts-"));
    const app = await startOwnApp(
      { RECONCILE_INTERVAL_MS: "0", ALERT_INTERVAL_MS: "0", MAIL_INTERVAL_MS: "0" },
      {
        port,
        host,
        base: baseOf(port),
        serverEnv: { NODE_OPTIONS: `--require ${PRELOAD}`, REQUEST_COUNT_DIR: counts },
      },
    );
    try {
      const before = counted(counts);
      expect(
        Object.values(before).flatMap((c) => c.incoming).length,
        "the preload counts (the start-up's polls)",
      ).toBeGreaterThan(0);
      for (const [path, status] of REQUESTS) {
        const response = await fetch(`${app.base}${path}`, {
          redirect: "manual",
          signal: AbortSignal.timeout(QUICK_MS),
        });
        expect(response.status, path).toBe(status);
        await response.arrayBuffer();
      }
      const during = since(before, counted(counts));
      expect(during.incoming, "requests the server received").toEqual(
        REQUESTS.map(([path]) => `GET ${path}`),
      );
      expect(during.outgoing, "requests the server sent").toEqual([]);
      expect(
        Object.values(counted(counts)).flatMap((c) => c.outgoing),
        "requests the server sent since it started",
      ).toEqual([]);
    } finally {
      await app.close();
      rmSync(counts, { recursive: true, force: true });
    }
  });
});
