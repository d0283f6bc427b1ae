// The framework's floor for the page ratio: a bare App Router app (bench/reference/bare-page/: a
// prerendered page of about the product page's size, and nothing else) built on its own in
// .bench/bare, then its page against the same HTML as a static file on one `next start`, the way
// bench/flash-measure.ts measures the shop's cached pages. What that ratio is, no App Router page
// can beat on this machine; the shop's cached pages are reported against it too.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { PagePair } from "./flash-report";
import { runGets } from "./load";
import { freePort } from "./servers";
import { BENCH_DIR } from "./workspace";

const BARE_DIR = join(BENCH_DIR, "bare");

function nodeEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  return { ...inherited, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
}

/** Copies the reference app into .bench/bare and builds it. */
export function buildBareApp(): void {
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(BARE_DIR, { recursive: true });
  cpSync("bench/reference/bare-page", BARE_DIR, { recursive: true });
  writeFileSync(
    join(BARE_DIR, "package.json"),
    JSON.stringify({ name: "bench-bare-page", private: true, type: "module" }),
  );
  // Hard links, not a symlink: the app's root is its own folder (its next.config.mjs), and
  // Turbopack compiles nothing outside the root.
  const linked = spawnSync("cp", ["-al", resolve("node_modules"), join(BARE_DIR, "node_modules")], {
    stdio: "inherit",
  });
  if (linked.status !== 0)
    throw new Error("could not link node_modules into the bare reference app");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: BARE_DIR,
    env: nodeEnv(),
    stdio: "inherit",
  });
  if (build.status !== 0)
    throw new Error(`next build in ${BARE_DIR} failed (exit ${build.status ?? build.signal})`);
}

/** `next start` of the built bare app on a free port; resolves once it answers. */
export async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    { cwd: BARE_DIR, env: nodeEnv(), stdio: "ignore" },
  );
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  process.once("exit", () => child.kill("SIGTERM"));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error("the bare reference app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: async () => void (child.kill("SIGTERM"), await exited) };
}

/** What only the reference page holds (bench/reference/bare-page/app/page.tsx). */
export const isBarePage = (html: string) => html.includes("<h1>Reference page</h1>");

/** Three alternating rounds of the bare page and its static copy, c16; returns them and the page's size. */
export async function measurePageFloor(
  requests: number,
): Promise<{ pairs: PagePair[]; bytes: number }> {
  let server = await startBare();
  const response = await fetch(`${server.url}/`);
  const html = await response.text();
  await server.stop();
  // The static copy is the baseline of the ratio: it must be the reference page, not an error page.
  if (response.status !== 200 || !isBarePage(html))
    throw new Error(`the bare reference app answered ${response.status} without its page's marker`);
  mkdirSync(join(BARE_DIR, "public"), { recursive: true });
  writeFileSync(join(BARE_DIR, "public", "page.html"), html);
  server = await startBare();
  try {
    await runGets(server.url, "/", 16, Math.min(500, requests));
    await runGets(server.url, "/page.html", 16, Math.min(500, requests));
    const pairs: PagePair[] = [];
    for (let round = 1; round <= 3; round++) {
      const page = await runGets(server.url, "/", 16, requests, { expect: isBarePage });
      const file = await runGets(server.url, "/page.html", 16, requests, { expect: isBarePage });
      pairs.push({ label: "bare App Router page", round, page, file });
      console.log(
        `[floor] bare page #${round} c16  ${Math.round(page.rps)} req/s p99 ${page.p99.toFixed(1)} ms  |  static file ${Math.round(file.rps)} req/s  |  ${(page.rps / file.rps).toFixed(2)}×`,
      );
    }
    return { pairs, bytes: Buffer.byteLength(html) };
  } finally {
    await server.stop();
  }
}
