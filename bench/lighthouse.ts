// `npm run lighthouse`: Lighthouse 12 (mobile preset) with the system Chromium on the catalog,
// a product, the cart, the checkout and an order page of a production build, three runs each, the
// median run reported (Lighthouse's own computeMedianRun: one run swings by several points);
// prints the scores, the Largest Contentful Paint and the back-forward cache audit, and writes
// them into bench/page-quality.md. A bare App Router page (bench/reference/bare-page/, built in
// .bench/bare) is audited beside them: the framework's own floor on this machine.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { issueCheckoutKey } from "@/lib/checkout/checkout-key";
import { placeOrder } from "@/lib/checkout/place-order";
import { openDatabase } from "@/lib/db/connection";
import { orders } from "@/lib/db/schema";
import { seedDatabase } from "@/lib/db/seed";
import { startSandbox } from "@/sandbox/server";
import { checkoutDetails } from "@/tests/support/orders";
import { CHECKOUT_KEY, createCarts } from "./checkout";
import { buildBareApp, isBarePage, startBare } from "./page-floor";
import { DOKU, freePort } from "./servers";
import { BENCH_DIR } from "./workspace";

const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95 } as const;
// LIGHTHOUSE_RUNS=5 narrows the median when comparing two builds (each run swings by several points).
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`LIGHTHOUSE_RUNS must be a whole number ≥ 1, not ${process.env.LIGHTHOUSE_RUNS}`);
type LighthouseResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
type Category = keyof typeof TARGETS;

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build in .next: run `npm run build` first.");
  process.exit(1);
}
mkdirSync(BENCH_DIR, { recursive: true });
const dbPath = join(BENCH_DIR, "lighthouse.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
const db = openDatabase(dbPath);
await db.migrate();
await seedDatabase(db);
const port = await freePort();
const appUrl = `http://localhost:${port}`;
const sandbox = await startSandbox({
  port: 0,
  clientId: DOKU.clientId,
  secretKey: DOKU.secretKey,
  notificationUrl: `${appUrl}/api/doku/notifications`,
  timeScale: 1,
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: dbPath,
  DOKU_BASE_URL: sandbox.url,
  DOKU_CLIENT_ID: DOKU.clientId,
  DOKU_SECRET_KEY: DOKU.secretKey,
  APP_BASE_URL: appUrl,
  ALLOW_HTTP_APP_BASE_URL: "true",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  RECONCILE_INTERVAL_MS: "0",
};
delete env.NODE_OPTIONS;
const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
  { env, stdio: "ignore" },
);
const stop = () => {
  server.kill("SIGTERM");
  void sandbox.close();
};
process.on("exit", stop);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${appUrl}/`)).ok) break;
  } catch {
    if (i > 300) throw new Error("next start did not answer within 30 s");
  }
  await new Promise((r) => setTimeout(r, 100));
}

// A cart for the cart and checkout pages, and a placed order (through the same code path as the
// shop) for the order page.
const [cartId, orderCartId] = (await createCarts(db, 2)).map((c) => c.id);
Object.assign(process.env, env);
const placed = await placeOrder(checkoutDetails, orderCartId!, issueCheckoutKey(orderCartId!));
if (placed.kind !== "redirect")
  throw new Error(`could not place the order: ${JSON.stringify(placed)}`);
const [{ token }] = (await db.run((d) =>
  d.select({ token: orders.publicToken }).from(orders).limit(1),
)) as [{ token: string }];
const product = "batik-tulis-parang-shirt";

// The reference: the bare app on a server of its own.
if (!existsSync(join(BENCH_DIR, "bare", ".next", "BUILD_ID"))) buildBareApp();
const { url: bareUrl } = await startBare();

// `served`: what only the intended page holds, so that an error page, an empty cart or a redirect is never audited in its place.
const allPages: {
  name: string;
  path: string;
  cookie?: string;
  base?: string;
  served: (html: string) => boolean;
}[] = [
  { name: "catalog", path: "/", served: (html) => html.includes(`/products/${product}"`) },
  {
    name: "product",
    path: `/products/${product}`,
    served: (html) => html.includes('<form noValidate=""'),
  },
  {
    name: "cart",
    path: "/cart",
    cookie: `tn_cart=${cartId}`,
    served: (html) => html.includes('href="/products/') && html.includes('/checkout"'),
  },
  {
    name: "checkout",
    path: "/checkout",
    cookie: `tn_cart=${cartId}`,
    served: (html) => CHECKOUT_KEY.test(html),
  },
  {
    name: "order",
    path: `/orders/${token}`,
    served: (html) => html.includes('data-testid="order-status"'),
  },
  { name: "bare App Router page (reference)", path: "/", base: bareUrl, served: isBarePage },
];
// `npm run lighthouse -- checkout order` audits only those (and the bare page beside them), to
// compare two builds quickly; bench/page-quality.md is rewritten only by a run of every page.
const only = process.argv.slice(2);
const unknown = only.filter((name) => !allPages.some((p) => p.name === name));
if (unknown.length > 0)
  throw new Error(
    `no such page: ${unknown.join(", ")} (pages: ${allPages
      .map((p) => p.name)
      .slice(0, -1)
      .join(", ")})`,
  );
const pages =
  only.length === 0 ? allPages : allPages.filter((p) => only.includes(p.name) || p.base);

// A shop's cached pages are warm while shoppers browse: render each into the cache first, so the
// audit measures what a shopper gets, not the one request that renders it.
// That request also checks the page is the one meant to be audited.
for (const page of pages) {
  const response = await fetch(`${page.base ?? appUrl}${page.path}`, {
    headers: page.cookie ? { Cookie: page.cookie } : {},
    redirect: "manual",
  });
  const html = await response.text();
  if (response.status !== 200 || html.includes('data-testid="shop-error"') || !page.served(html)) {
    throw new Error(
      `${page.name}: ${page.path} answered ${response.status} without the page's marker: not the page to audit`,
    );
  }
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const rows: {
  name: string;
  path: string;
  scores: Record<Category, number>;
  lcpMs: number;
  bfcache: string;
}[] = [];
try {
  for (const page of pages) {
    const audit = () =>
      lighthouse(`${page.base ?? appUrl}${page.path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: Object.keys(TARGETS),
        extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
      });
    const runs: LighthouseResult[] = [];
    for (let attempt = 0; runs.length < RUNS && attempt < RUNS + 2; attempt++) {
      const result = await audit();
      // Lighthouse's own trace recording fails now and then (NO_NAVSTART): that is no score.
      if (!result || result.lhr.runtimeError)
        console.log(
          `${page.name}: ${result?.lhr.runtimeError?.code ?? "no result"}, running it again`,
        );
      // A redirect (to sign-in, an empty cart, an error) would score another page under this one's name.
      else if (result.lhr.finalDisplayedUrl !== `${page.base ?? appUrl}${page.path}`)
        throw new Error(
          `${page.name}: Lighthouse ended on ${result.lhr.finalDisplayedUrl}, not the page`,
        );
      else runs.push(result.lhr);
    }
    if (runs.length === 0) throw new Error(`${page.name}: no Lighthouse run finished`);
    const lhr = computeMedianRun(runs) as LighthouseResult;
    writeFileSync(
      `${BENCH_DIR}/lighthouse-${page.name.replace(/\W+/g, "-")}.json`,
      JSON.stringify(lhr),
    );
    const categories = lhr.categories;
    const scores = Object.fromEntries(
      (Object.keys(TARGETS) as Category[]).map((c) => [
        c,
        Math.round((categories[c]?.score ?? 0) * 100),
      ]),
    ) as Record<Category, number>;
    const failing = lhr.audits;
    const lcpMs = failing["largest-contentful-paint"]?.numericValue ?? NaN;
    const bf = failing["bf-cache"];
    const bfcache = !bf
      ? "not run"
      : bf.score === 1
        ? "passes"
        : `fails (${(bf.details as { items?: { reason?: string }[] } | undefined)?.items?.map((i) => i.reason).join("; ") ?? "?"})`;
    rows.push({ name: page.name, path: page.path, scores, lcpMs, bfcache });
    const misses = Object.values(failing)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => a.id);
    console.log(
      `${page.name.padEnd(9)} perf ${scores.performance}  a11y ${scores.accessibility}  best ${scores["best-practices"]}  LCP ${(lcpMs / 1000).toFixed(2)} s  bfcache ${bfcache}${misses.length ? `  (failed audits: ${misses.join(", ")})` : ""}`,
    );
  }
} finally {
  await chrome.kill();
  stop();
}

const met = (c: Category, v: number) => (v >= TARGETS[c] ? "✓" : "✗");
const table = [
  "| page | performance (≥ 95) | accessibility (100) | best practices (≥ 95) | LCP (≤ 2.0 s on catalog and product) | back-forward cache |",
  "|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.name} (\`${r.path.replace(token, "<token>")}\`) | ${r.scores.performance} ${met("performance", r.scores.performance)} | ${r.scores.accessibility} ${met("accessibility", r.scores.accessibility)} | ${r.scores["best-practices"]} ${met("best-practices", r.scores["best-practices"])} | ${(r.lcpMs / 1000).toFixed(2)} s | ${r.bfcache} |`,
  ),
].join("\n");
const section = `## Page quality (Lighthouse, axe)

Lighthouse 12.2.3, mobile preset (simulated throttling), system Chromium, production build,
${new Date().toISOString().slice(0, 10)}, the median of ${RUNS} runs per page. Run with \`npm run lighthouse\`
(bench/lighthouse.ts).

${table}

The bare App Router page is the framework's floor on this machine: a layout and one prerendered
page, no client component of ours (bench/README.md, "Page quality", says what the gap is made of).

axe (\`@axe-core/playwright\`) runs inside the e2e suite on every shop and back-office page, on
desktop and phone widths (\`e2e/a11y.spec.ts\`): zero serious or critical violations is an
assertion, so \`npm test\` fails on any.
`;

if (only.length === 0)
  writeFileSync("bench/page-quality.md", `${section.replace("## Page quality", "# Page quality")}`);
console.log(
  `\n${table}\n\n${only.length === 0 ? "written to bench/page-quality.md" : "bench/page-quality.md left as it was (not every page ran)"} (${BENCH_DIR} holds the database)`,
);
process.exit(0);
