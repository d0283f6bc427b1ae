// One database's part of `npm run bench:flash`, run by bench/flash.ts as a process of its own
// with DATABASE_URL set (lib/db/schema picks its dialect when first imported). Three parts:
// 1. Pages: the cached catalogue and product page against the same HTML served as a static file
//    by the same `next start`, side by side, at c16.
// 2. The flash sale: BENCH_SHOPPERS shoppers race for BENCH_UNITS units of one product through
//    HTTP, the sandbox answering generate-order after BENCH_DOKU_DELAY_MS and then approving every
//    order placed; then the database is checked: exactly the units paid, none oversold. Once per
//    arrival window of BENCH_ARRIVAL_MS (a comma-separated list), the units restocked before each.
// 3. The poll of a shopper waiting on the order page: its status read against the page's re-render.
// Every body measured is checked to be the intended page (a marker of it); only successful
// requests count in the figures (bench/load.ts). Writes its figures as JSON to BENCH_RESULT. Exit
// code 1 when the sale left the database wrong, or any page, static-file or poll request failed.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, ne, sql } from "drizzle-orm";
import { seedAdmin } from "@/lib/auth/seed-admin";
import { MAX_QUANTITY } from "@/lib/cart/quantity-bounds";
import { openDatabase } from "@/lib/db/connection";
import { orderItems, orders, paymentAttempts, products } from "@/lib/db/schema";
import { seedDatabase } from "@/lib/db/seed";
import { checkoutValues } from "./checkout";
import {
  HOARDER_MAX_PER_ORDER,
  requestFailures,
  type FlashResult,
  type HoarderResult,
  type PagePair,
  type PollPair,
  type SaleResult,
} from "./flash-report";
import { failedRequests, runGets, summarise, type LoadResult } from "./load";
import { startServers, type Servers } from "./servers";
import { APP_DIR } from "./workspace";

const env = (name: string) => process.env[name] ?? "";
const name = env("BENCH_DATABASE") === "PostgreSQL" ? "PostgreSQL" : "SQLite";
const shoppers = Number(env("BENCH_SHOPPERS"));
const units = Number(env("BENCH_UNITS"));
const dokuDelayMs = Number(env("BENCH_DOKU_DELAY_MS"));
const arrivalWindows = env("BENCH_ARRIVAL_MS").split(",").map(Number);
const pageRequests = Number(env("BENCH_PAGE_REQUESTS"));
const actionId = env("BENCH_ACTION_ID");
const log = (line: string) => console.log(`[${name}] ${line}`);

/** The hoarder's tries per sale; the shop's default bound on the unpaid orders one shopper holds. */
const HOARDER_TRIES = 10;
const HOARDER_OPEN_ORDERS = 2;
const HOARDER_EMAIL = "hoarder@example.id";

/** The product of the drop: a phone, as Indonesian flash sales so often are. */
const SLUG = "lintas-x5-smartphone";
const STATIC_DIR = join(APP_DIR, "public", "static", "bench");

const database = openDatabase(env("DATABASE_URL"), { migrationsRoot: APP_DIR });
await database.migrate();
await seedDatabase(database);
await seedAdmin(database, "admin@bench.example", randomBytes(18).toString("base64url"));
// Every other product has plenty, so only the drop's units are raced for.
await database.run((db) => db.update(products).set({ stock: 100_000 }));
const [flash] = await database.run((db) =>
  db
    .update(products)
    .set({ stock: units, maxPerOrder: HOARDER_MAX_PER_ORDER })
    .where(eq(products.slug, SLUG))
    .returning({ id: products.id }),
);
if (!flash) throw new Error(`no product ${SLUG} in the seed`);
const flashId = flash.id;

// ---- 1. Pages against static files ---------------------------------------------------------

// The static copies must exist before `next start` lists public/: the pages are fetched from a
// first server, written out, and the measured server is started afresh.
rmSync(STATIC_DIR, { recursive: true, force: true });
let servers: Servers = await startServers(`${name.toLowerCase()}-flash`, env("DATABASE_URL"));
// What only the intended page holds: the catalogue links the drop's product, the product page has
// its add-to-cart form; an error or not-found page has neither.
const isCatalogue = (html: string) =>
  html.includes(`/products/${SLUG}"`) && !html.includes('data-testid="shop-error"');
const isProductPage = (html: string) =>
  html.includes('<form noValidate=""') &&
  html.includes(`/products/${SLUG}`) &&
  !html.includes('data-testid="shop-error"');
const pages = [
  { label: "catalogue", path: "/", copy: "/static/bench/catalogue.html", expect: isCatalogue },
  {
    label: "product",
    path: `/products/${SLUG}`,
    copy: "/static/bench/product.html",
    expect: isProductPage,
  },
];
mkdirSync(STATIC_DIR, { recursive: true });
for (const page of pages) {
  const response = await fetch(servers.appUrl + page.path);
  const html = await response.text();
  // The static baseline must be the same page, or the ratio compares the page with an error page.
  if (response.status !== 200 || !page.expect(html))
    throw new Error(
      `${page.path} answered ${response.status} without the ${page.label} page's marker: no static copy to compare with`,
    );
  writeFileSync(join(APP_DIR, "public", page.copy), html);
}
await servers.stop();
servers = await startServers(`${name.toLowerCase()}-flash`, env("DATABASE_URL"));

const line = (l: LoadResult) =>
  `${Math.round(l.rps).toString().padStart(5)} req/s  p50 ${l.p50.toFixed(2).padStart(6)} ms  p99 ${l.p99.toFixed(2).padStart(6)} ms` +
  (failedRequests(l)
    ? `  FAILED ${l.errors} errors, ${l.non2xx} non-2xx, ${l.wrongBody} wrong pages`
    : "");

const pairs: PagePair[] = [];
for (const page of pages) {
  // Warm-up: the page's first request renders it into the cache.
  await runGets(servers.appUrl, page.path, 16, Math.min(500, pageRequests));
  await runGets(servers.appUrl, page.copy, 16, Math.min(500, pageRequests));
  for (let round = 1; round <= 3; round++) {
    const cached = await runGets(servers.appUrl, page.path, 16, pageRequests, {
      expect: page.expect,
    });
    const copy = await runGets(servers.appUrl, page.copy, 16, pageRequests, {
      expect: page.expect,
    });
    pairs.push({ label: page.label, round, page: cached, file: copy });
    log(
      `${page.label.padEnd(9)} #${round} c16  page ${line(cached)}  |  static file ${line(copy)}  |  ${(cached.rps / copy.rps).toFixed(2)}×`,
    );
  }
}

// ---- 2. The flash sale -----------------------------------------------------------------------

async function paidUnits(): Promise<number> {
  const [row] = await database.run((db) =>
    db
      .select({ n: sql<number>`coalesce(sum(${orderItems.quantity}), 0)`.mapWith(Number) })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(and(eq(orderItems.productId, flashId), eq(orders.status, "paid"))),
  );
  return row?.n ?? 0;
}

async function orderedUnits(): Promise<number> {
  const [row] = await database.run((db) =>
    db
      .select({ n: sql<number>`coalesce(sum(${orderItems.quantity}), 0)`.mapWith(Number) })
      .from(orderItems)
      .where(eq(orderItems.productId, flashId)),
  );
  return row?.n ?? 0;
}

/**
 * After a restock, the cached product page shows the units again once it has been rendered anew:
 * in the background, on the first request after its 5 s (docs/caching.md).
 */
async function untilOnSale(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const html = await (await fetch(`${servers.appUrl}/products/${SLUG}`)).text();
    await fetch(`${servers.appUrl}/`);
    // A sold-out page renders its button inert (aria-disabled); a page rendered after the restock does not.
    if (isProductPage(html) && !html.includes('aria-disabled="true"')) return;
    if (Date.now() > deadline)
      throw new Error(`the product page still shows no units 30 s after the restock`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** One sale: the drop restocked to `units`, `shoppers` arriving over `arrivalMs`; then the database checked. */
async function runSale(arrivalMs: number): Promise<SaleResult> {
  await database.run((db) =>
    db.update(products).set({ stock: units }).where(eq(products.id, flashId)),
  );
  await untilOnSale();
  const paidBefore = await paidUnits();
  const orderedBefore = await orderedUnits();

  // Every generate-order the sale sends is answered after the delay (the sandbox's hold fault).
  const faulted = await fetch(`${servers.sandbox.url}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      target: "generate-order",
      kind: "timeout",
      ms: dokuDelayMs,
      times: shoppers,
    }),
  });
  if (!faulted.ok) throw new Error(`sandbox fault: HTTP ${faulted.status}`);

  const pageTimes: number[] = [];
  const placementTimes: number[] = [];
  const outcomes = { placed: 0, refusedAtCart: 0, refusedAtCheckout: 0 };
  const errors: string[] = [];

  async function timedGet(
    path: string,
    cookie?: string,
    expect?: (html: string) => boolean,
  ): Promise<string> {
    const started = performance.now();
    const response = await fetch(servers.appUrl + path, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    const body = await response.text();
    pageTimes.push(performance.now() - started);
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    if (expect && !expect(body))
      throw new Error(`GET ${path}: HTTP ${response.status}, but not the intended page`);
    return body;
  }

  /** The add-to-cart form's fields exactly as the page renders them, the way a browser without JavaScript posts them. */
  function addToCartForm(html: string, quantity = 1): FormData {
    const form = /<form noValidate=""[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
    if (!form) throw new Error("no add-to-cart form on the product page");
    const data = new FormData();
    for (const [, field, value] of form.matchAll(
      /<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g,
    )) {
      data.append(field!, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    }
    data.append("quantity", String(quantity));
    return data;
  }

  const CHECKOUT_KEY = /[0-9a-f-]{36}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/;
  async function shopper(i: number): Promise<void> {
    await new Promise((r) => setTimeout(r, Math.random() * arrivalMs));
    await timedGet("/", undefined, isCatalogue);
    const productPage = await timedGet(`/products/${SLUG}`, undefined, isProductPage);

    const added = await fetch(`${servers.appUrl}/products/${SLUG}`, {
      method: "POST",
      body: addToCartForm(productPage),
      redirect: "manual",
    });
    const cartCookie = /tn_cart=[A-Za-z0-9_-]{43}/.exec(added.headers.get("set-cookie") ?? "")?.[0];
    if (added.status !== 303 || !cartCookie) {
      const body = await added.text();
      if (added.status === 200 && body.includes('data-testid="add-to-cart-error"'))
        outcomes.refusedAtCart++;
      else errors.push(`shopper ${i}: add to cart answered ${added.status}`);
      return;
    }

    const checkout = await timedGet("/checkout", cartCookie);
    const checkoutKey = CHECKOUT_KEY.exec(checkout)?.[0];
    if (!checkoutKey) {
      errors.push(`shopper ${i}: no checkout key`);
      return;
    }
    const started = performance.now();
    const placed = await fetch(`${servers.appUrl}/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Next-Action": actionId,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        Origin: servers.appUrl,
        Cookie: cartCookie,
      },
      body: JSON.stringify([checkoutValues(i), checkoutKey]),
    });
    const body = await placed.text();
    placementTimes.push(performance.now() - started);
    const redirect = placed.headers.get("x-action-redirect");
    if (redirect?.startsWith(`${servers.sandbox.url}/kredivo/`)) outcomes.placed++;
    else if (placed.status === 200 && body.includes('"code":"soldOut"'))
      outcomes.refusedAtCheckout++;
    else
      errors.push(
        `shopper ${i}: placement answered ${placed.status}, redirect ${redirect}: ${body.slice(0, 160)}`,
      );
  }

  const hoarder: HoarderResult = {
    tries: HOARDER_TRIES,
    placed: 0,
    refusedAtCart: 0,
    refusedAtCheckout: 0,
    unitsHeld: 0,
  };
  /** One shopper who orders the drop again and again from new carts, asking for as much as the shop lets them, and never pays. */
  async function hoard(): Promise<void> {
    for (let i = 0; i < HOARDER_TRIES; i++) {
      const productPage = await timedGet(`/products/${SLUG}`, undefined, isProductPage);
      const greedy = await fetch(`${servers.appUrl}/products/${SLUG}`, {
        method: "POST",
        body: addToCartForm(productPage, MAX_QUANTITY),
        redirect: "manual",
      });
      if (
        greedy.status === 303 ||
        !(await greedy.text()).includes('data-testid="add-to-cart-error"')
      )
        errors.push(`hoarder ${i}: ${MAX_QUANTITY} units went into a cart`);
      else hoarder.refusedAtCart++;
      const added = await fetch(`${servers.appUrl}/products/${SLUG}`, {
        method: "POST",
        body: addToCartForm(productPage, HOARDER_MAX_PER_ORDER),
        redirect: "manual",
      });
      const cartCookie = /tn_cart=[A-Za-z0-9_-]{43}/.exec(
        added.headers.get("set-cookie") ?? "",
      )?.[0];
      // Sold out meanwhile: the sale is over for the hoarder too.
      if (added.status !== 303 || !cartCookie) return;
      const checkoutKey = CHECKOUT_KEY.exec(await timedGet("/checkout", cartCookie))?.[0];
      if (!checkoutKey) {
        errors.push(`hoarder ${i}: no checkout key`);
        return;
      }
      const placed = await fetch(`${servers.appUrl}/checkout`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Next-Action": actionId,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
          Origin: servers.appUrl,
          Cookie: cartCookie,
        },
        body: JSON.stringify([
          { ...checkoutValues(0), email: HOARDER_EMAIL, phone: "0899 0000 0001" },
          checkoutKey,
        ]),
      });
      const body = await placed.text();
      if (placed.headers.get("x-action-redirect")?.startsWith(`${servers.sandbox.url}/kredivo/`)) {
        hoarder.placed++;
        hoarder.unitsHeld += HOARDER_MAX_PER_ORDER;
      } else if (body.includes('"code":"tooManyOpenOrders"') || body.includes('"code":"soldOut"'))
        hoarder.refusedAtCheckout++;
      else errors.push(`hoarder ${i}: placement answered ${placed.status}: ${body.slice(0, 160)}`);
    }
  }

  log(
    `flash sale: ${shoppers} shoppers arriving over ${arrivalMs} ms for ${units} units of ${SLUG}; generate-order answers after ${dokuDelayMs} ms`,
  );
  const saleStarted = performance.now();
  await Promise.all([
    hoard().catch((error: unknown) => {
      errors.push(`hoarder: ${error instanceof Error ? error.message : String(error)}`);
    }),
    ...Array.from({ length: shoppers }, (_, i) =>
      shopper(i).catch((error: unknown) => {
        errors.push(`shopper ${i}: ${error instanceof Error ? error.message : String(error)}`);
      }),
    ),
  ]);
  const saleSeconds = (performance.now() - saleStarted) / 1000;

  // Kredivo approves every order the real shoppers placed; DOKU's notifications then pay them.
  // The hoarder's stay unpaid, holding their units.
  const pending = await database.run((db) =>
    db
      .select({ invoice: paymentAttempts.invoiceNumber })
      .from(paymentAttempts)
      .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
      .where(and(eq(paymentAttempts.status, "pending"), ne(orders.customerEmail, HOARDER_EMAIL))),
  );
  for (const { invoice } of pending) {
    const approved = await fetch(`${servers.sandbox.url}/_sandbox/orders/${invoice}/approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!approved.ok) errors.push(`approve ${invoice}: HTTP ${approved.status}`);
  }

  const deadline = Date.now() + 30_000;
  while ((await paidUnits()) - paidBefore < outcomes.placed && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));

  const paid = (await paidUnits()) - paidBefore;
  const [left] = await database.run((db) =>
    db.select({ stock: products.stock }).from(products).where(eq(products.id, flashId)),
  );
  const ordered = (await orderedUnits()) - orderedBefore;
  const problems: string[] = [];
  if (paid + hoarder.unitsHeld !== units)
    problems.push(
      `${paid} units paid and ${hoarder.unitsHeld} held by the hoarder for ${units} in stock`,
    );
  if (paid + hoarder.unitsHeld > units)
    problems.push(`OVERSOLD by ${paid + hoarder.unitsHeld - units}`);
  if ((left?.stock ?? -1) !== 0) problems.push(`stock left ${left?.stock}, expected 0`);
  if (ordered !== outcomes.placed + hoarder.unitsHeld)
    problems.push(
      `${ordered} units in orders for ${outcomes.placed} placements and the hoarder's ${hoarder.unitsHeld}`,
    );
  const shopperErrors = errors.filter((e) => e.startsWith("shopper ")).length;
  if (
    outcomes.placed + outcomes.refusedAtCart + outcomes.refusedAtCheckout + shopperErrors !==
    shoppers
  )
    problems.push("shoppers unaccounted for");
  if (hoarder.placed > HOARDER_OPEN_ORDERS)
    problems.push(
      `the hoarder holds ${hoarder.placed} unpaid orders, more than ${HOARDER_OPEN_ORDERS}`,
    );

  // The hoarder's orders end before the next sale: Kredivo declines them, and DOKU's FAILED puts
  // the units back (the sandbox's expiry sends no notification; the reconciler is off here).
  const hoarded = await database.run((db) =>
    db
      .select({ invoice: paymentAttempts.invoiceNumber })
      .from(paymentAttempts)
      .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
      .where(and(eq(paymentAttempts.status, "pending"), eq(orders.customerEmail, HOARDER_EMAIL))),
  );
  for (const { invoice } of hoarded) {
    const declined = await fetch(`${servers.sandbox.url}/_sandbox/orders/${invoice}/decline`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!declined.ok) errors.push(`decline ${invoice}: HTTP ${declined.status}`);
  }
  const releasedBy = Date.now() + 30_000;
  for (;;) {
    const [holding] = await database.run((db) =>
      db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(orders)
        .where(and(eq(orders.customerEmail, HOARDER_EMAIL), eq(orders.stockState, "reserved"))),
    );
    if ((holding?.n ?? 0) === 0) break;
    if (Date.now() > releasedBy) {
      problems.push("the hoarder's declined orders still hold units 30 s later");
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const sale: SaleResult = {
    shoppers,
    units,
    dokuDelayMs,
    arrivalMs,
    seconds: saleSeconds,
    ...outcomes,
    ordersPerSecond: outcomes.placed / saleSeconds,
    placement: summarise(placementTimes),
    pages: summarise(pageTimes),
    pageRequests: pageTimes.length,
    errors: errors.length,
    paidUnits: paid,
    stockLeft: left?.stock ?? NaN,
    oversold: Math.max(0, paid + hoarder.unitsHeld - units),
    hoarder,
    problems,
  };
  log(
    `sale: ${outcomes.placed} placed, ${outcomes.refusedAtCart} refused at the cart, ${outcomes.refusedAtCheckout} at checkout, ${errors.length} errors in ${saleSeconds.toFixed(1)} s ` +
      `(${sale.ordersPerSecond.toFixed(1)} orders/s); placement p50 ${sale.placement.p50.toFixed(0)} ms p99 ${sale.placement.p99.toFixed(0)} ms; ` +
      `pages p50 ${sale.pages.p50.toFixed(1)} ms p99 ${sale.pages.p99.toFixed(1)} ms`,
  );
  log(
    `hoarder: ${hoarder.placed} unpaid orders holding ${hoarder.unitsHeld} units; refused ${hoarder.refusedAtCart} times at the cart, ${hoarder.refusedAtCheckout} at checkout`,
  );
  log(
    `database: ${paid} units paid, ${left?.stock} left, ${sale.oversold} oversold${problems.length ? `; FAILED: ${problems.join("; ")}` : ": ok"}`,
  );
  for (const error of errors.slice(0, 5)) log(`  ${error}`);
  return sale;
}

const sales: SaleResult[] = [];
for (const arrivalMs of arrivalWindows) sales.push(await runSale(arrivalMs));

// ---- 3. A waiting shopper's poll -----------------------------------------------------------

const RSC = { RSC: "1" };
/** The order page's render holds its status line (a server component's props); the status read answers `{ "status": … }`. */
const isOrderRender = (body: string) => body.includes("order-status");
const isStatusRead = (body: string) => /^\{"status":"[a-z_]+"\}$/.test(body);

/** Next answers an RSC request without its `_rsc` cache-buster with a redirect to the URL that has it. */
async function rscPath(path: string): Promise<string> {
  const redirect = await fetch(servers.appUrl + path, { headers: RSC, redirect: "manual" });
  const location = redirect.headers.get("location") ?? path;
  const page = await fetch(servers.appUrl + location, { headers: RSC, redirect: "manual" });
  const type = page.headers.get("content-type") ?? "";
  const body = await page.text();
  if (page.status !== 200 || !type.startsWith("text/x-component") || !isOrderRender(body))
    throw new Error(
      `${location} with RSC: 1 answered ${page.status} ${type}, not the order page's render`,
    );
  return location;
}

const [placed] = await database.run((db) =>
  db.select({ token: orders.publicToken }).from(orders).limit(1),
);
if (!placed) throw new Error("no order to poll: the sales placed none");
const poll: PollPair[] = [];
const pollRequests = Math.min(2000, pageRequests);
const orderPage = await rscPath(`/orders/${placed.token}`);
await runGets(servers.appUrl, orderPage, 16, 200, { headers: RSC });
for (let round = 1; round <= 2; round++) {
  const status = await runGets(
    servers.appUrl,
    `/api/orders/${placed.token}/status`,
    16,
    pollRequests,
    { expect: isStatusRead },
  );
  const refresh = await runGets(servers.appUrl, orderPage, 16, pollRequests, {
    headers: RSC,
    expect: isOrderRender,
  });
  poll.push({ round, status, refresh });
  log(
    `order poll #${round} c16  status read ${line(status)}  |  page re-render ${line(refresh)}  |  ${(status.rps / refresh.rps).toFixed(1)}×`,
  );
}

await servers.stop();
await database.close();
rmSync(STATIC_DIR, { recursive: true, force: true });
const result: FlashResult = { database: name, pages: pairs, sales, poll };
writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
const failures = requestFailures(result);
for (const failure of failures) log(`FAILED: ${failure}`);
process.exit(
  sales.every((s) => s.problems.length === 0 && s.errors === 0) && failures.length === 0 ? 0 : 1,
);
