// The shop behind a reverse proxy, as deployed (docs/deploy.md): `next start` listens on 127.0.0.1
// only, and everything reaches it through a proxy that keeps the public Host and adds
// X-Forwarded-For, X-Forwarded-Host and X-Forwarded-Proto: https, as nginx or Caddy do in front of
// a TLS certificate. The proxy here is a few lines of node:http the browser is pointed at; the
// public name is shop.example.com, which is also APP_BASE_URL. Next must route every page inside
// the process: a language rewrite it took for another origin was sent back to the server itself
// over HTTP, and under -H 127.0.0.1 that never ended (a 500 after 30 s).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { answers, SECOND_PORT, startOwnApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, signInAsAdmin, tokenFromUrl } from "./support/shop";

const PUBLIC_HOST = "shop.example.com";
const PUBLIC_BASE = `http://${PUBLIC_HOST}`;
const COFFEE = "Java Preanger Arabica Beans 250 g";
/** The shopper's address as the proxy saw it, the one TRUSTED_PROXY_HOPS=1 makes the shop use. */
const PUBLIC_CLIENT = "203.0.113.7";
/** What a shopper may put in X-Forwarded-For itself: never taken for their address. */
const FORGED_CLIENT = "198.51.100.66";
/** Far above any page here, far below the 30 s a request sent back to the server itself took. */
const QUICK_MS = 5_000;

interface Forwarded {
  method: string;
  pathname: string;
  path: string;
  status: number;
  ms: number;
  error?: string;
}

/** The reverse proxy: forwards to the app on 127.0.0.1, answers 504 past QUICK_MS, records each request. */
async function startReverseProxy(appPort: number) {
  const seen: Forwarded[] = [];
  const server = http.createServer((req, res) => {
    // The browser sends it the absolute URL (it is the browser's proxy); the app gets the path.
    const url = new URL(req.url ?? "/", PUBLIC_BASE);
    const headers = { ...req.headers };
    for (const hop of ["connection", "proxy-connection", "keep-alive"]) delete headers[hop];
    Object.assign(headers, {
      host: PUBLIC_HOST,
      // As nginx's $proxy_add_x_forwarded_for: whatever the client sent, then the address the
      // proxy saw (here a public one, PUBLIC_CLIENT, as if the browser came from the internet).
      "x-forwarded-for": [req.headers["x-forwarded-for"], PUBLIC_CLIENT].filter(Boolean).join(", "),
      "x-forwarded-host": PUBLIC_HOST,
      "x-forwarded-proto": "https",
    });
    const started = Date.now();
    const record = (status: number, error?: string) =>
      seen.push({
        method: req.method ?? "GET",
        pathname: url.pathname,
        path: url.pathname + url.search,
        status,
        ms: Date.now() - started,
        error,
      });
    // A connection per request, as nginx's default proxy_pass does (no upstream keep-alive).
    const options = {
      host: E2E.appHost,
      port: appPort,
      method: req.method,
      path: url.pathname + url.search,
      headers,
      agent: false,
      timeout: QUICK_MS,
    };
    const upstream = http.request(options, (answer) => {
      record(answer.statusCode ?? 0);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("timeout", () => upstream.destroy(new Error(`no answer within ${QUICK_MS} ms`)));
    upstream.on("error", (error) => {
      record(504, error.message);
      if (!res.headersSent) res.writeHead(504).end(error.message);
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One request as the proxy sends it, without a browser: its status, Location and body. */
function viaProxy(
  path: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: E2E.appHost,
        port: SECOND_PORT,
        path,
        headers: {
          host: PUBLIC_HOST,
          "x-forwarded-for": PUBLIC_CLIENT,
          "x-forwarded-host": PUBLIC_HOST,
          "x-forwarded-proto": "https",
          ...extra,
        },
        timeout: QUICK_MS,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }),
        );
      },
    );
    request.on("timeout", () =>
      request.destroy(new Error(`${path}: no answer within ${QUICK_MS} ms`)),
    );
    request.on("error", reject);
  });
}

let app: Awaited<ReturnType<typeof startOwnApp>>;
let proxy: Awaited<ReturnType<typeof startReverseProxy>>;

test.beforeAll(async () => {
  app = await startOwnApp({
    APP_BASE_URL: PUBLIC_BASE,
    TRUSTED_PROXY_HOPS: "1",
    RECONCILE_INTERVAL_MS: "0",
  });
  proxy = await startReverseProxy(SECOND_PORT);
});

test.afterAll(async () => {
  await proxy?.close();
  await app?.close();
});

test.beforeEach(async () => {
  await sandbox.reset();
});

async function publicPage(
  browser: import("@playwright/test").Browser,
  extraHTTPHeaders: Record<string, string> = {},
): Promise<Page> {
  const context = await browser.newContext({
    proxy: { server: proxy.url },
    extraHTTPHeaders,
    storageState: {
      cookies: [
        {
          name: "NEXT_LOCALE",
          value: "en",
          domain: PUBLIC_HOST,
          path: "/",
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
  });
  return context.newPage();
}

test("the app listens on 127.0.0.1 only, as behind a proxy on the same machine", async () => {
  expect(await answers(`http://${E2E.appHost}:${SECOND_PORT}/`)).toBe(200);
  expect(await answers(`http://[::1]:${SECOND_PORT}/`)).toBeNull();
});

test("a shopper and the staff behind the proxy: every page and server action answers at once, inside the app", async ({
  browser,
}) => {
  // The shopper forges an X-Forwarded-For entry of their own; the proxy appends what it saw.
  const page = await publicPage(browser, { "x-forwarded-for": FORGED_CLIENT });

  // Pages the proxy rewrites (/cart, /checkout, an order, the back office) and the server actions
  // posted to a product page, the checkout and the sign-in page.
  await addToCart(page, COFFEE, 1, PUBLIC_BASE);
  await expect(page).toHaveURL(`${PUBLIC_BASE}/cart`);
  await expect(page.getByRole("link", { name: COFFEE })).toBeVisible();
  await checkoutToKredivo(page, PUBLIC_BASE);
  const attempt = app.db.latestAttempt();
  const token = app.db.tokenOfAttempt(attempt.id);
  // DOKU sends the shopper back to APP_BASE_URL.
  expect((await sandbox.order(attempt.invoice_number)).callbackUrl).toBe(
    `${PUBLIC_BASE}/orders/${token}/return`,
  );

  // The order keeps the address the proxy saw (TRUSTED_PROXY_HOPS=1: the right-most entry), not
  // the left-most one the shopper wrote.
  expect(app.db.order(token)!.client_address).toBe(PUBLIC_CLIENT);

  const order = await page.goto(`${PUBLIC_BASE}/orders/${token}`);
  expect(order?.status()).toBe(200);
  expect(tokenFromUrl(page.url())).toBe(token);

  await page.goto(`${PUBLIC_BASE}/admin`);
  await expect(page).toHaveURL(`${PUBLIC_BASE}/admin/sign-in?from=%2Fadmin`);
  await signInAsAdmin(page, PUBLIC_BASE);
  await expect(page).toHaveURL(`${PUBLIC_BASE}/admin`);
  await page.context().close();

  const paths = proxy.seen.map((r) => r.pathname);
  for (const path of ["/cart", "/checkout", `/orders/${token}`, "/admin/sign-in", "/admin"])
    expect(paths, "went through the proxy").toContain(path);
  const actions = proxy.seen.filter((r) => r.method === "POST").map((r) => r.pathname);
  expect(
    actions.some((path) => path.startsWith("/products/")),
    "the add-to-cart action, posted to the product page",
  ).toBe(true);
  expect(actions, "the checkout and sign-in actions").toEqual(
    expect.arrayContaining(["/checkout", "/admin/sign-in"]),
  );
  for (const request of proxy.seen) {
    expect(request.status, `${request.method} ${request.path} ${request.error ?? ""}`).toBeLessThan(
      500,
    );
    expect(request.ms, `${request.method} ${request.path}`).toBeLessThan(QUICK_MS);
  }
});

test("links and redirects use APP_BASE_URL, never the address the app listens on nor a forwarded host", async () => {
  // The proxy's early sign-in redirect: from APP_BASE_URL, not from http://localhost:<port>.
  const admin = await viaProxy("/admin/orders");
  expect(admin.status).toBe(307);
  expect(admin.location).toBe(`${PUBLIC_BASE}/admin/sign-in?from=%2Fadmin%2Forders`);

  // Auth.js's own routes: a forged X-Forwarded-Host names no page of its redirects.
  const forged = { host: "evil.example", "x-forwarded-host": "evil.example" };
  const signIn = await viaProxy("/api/auth/signin", forged);
  expect(signIn.status).toBe(302);
  expect(decodeURIComponent(signIn.location ?? "")).toContain(`callbackUrl=${PUBLIC_BASE}`);
  expect(signIn.location).not.toContain("evil.example");
  const signOut = await viaProxy("/api/auth/signout", forged);
  expect(signOut.body).not.toContain("evil.example");

  // The pages themselves answer 200 to the proxy's request shape, with no other host in them.
  for (const path of ["/cart", "/admin/sign-in", "/checkout"]) {
    const page = await viaProxy(path);
    expect([200, 307], path).toContain(page.status);
    expect(page.body, path).not.toMatch(/localhost|127\.0\.0\.1/);
  }
});
