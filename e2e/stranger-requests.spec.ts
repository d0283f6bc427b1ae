// What a stranger can do with nothing but the shop's URL, and what it must not achieve: grow the
// server's disk through the page cache, make a shared cache serve one language to everyone, or
// reach a page around the proxy (no Content-Security-Policy, an order's data in a 404 body).
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { db } from "./support/db";
import { sandbox } from "./support/sandbox";
import { addToCart, checkoutToKredivo, shopper, signInAsAdmin } from "./support/shop";

const COFFEE = "Java Preanger Arabica Beans 250 g";

/** Every file under the build's folder, where Next's page cache writes its entries. */
function buildFiles(): string[] {
  return readdirSync(".next", { recursive: true, encoding: "utf8" }).map((path) =>
    join(".next", path),
  );
}

test("a flood of unknown slugs, extensions and languages stores nothing in the page cache @faults", async ({
  request,
}) => {
  const tokens = Array.from({ length: 40 }, () => randomBytes(6).toString("hex"));
  const paths = tokens.flatMap((token) => [
    `/products/${token}`,
    // Long, but short enough to have been a file name: it was stored before.
    `/products/${"x".repeat(200)}${token}`,
    `/x${token}.png`,
    `/x${token}.txt`,
    `/favicon.ico/${token}`,
    `/api/products/${token}`,
    `/${token}`,
  ]);
  for (const path of paths) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
  }
  // The cache writes after answering: a real page not cached before, asked for now and seen on
  // disk, was stored after every request of the flood had been answered and its write begun.
  const slug = "batik-kawung-tote";
  const english = await request.get(`/products/${slug}`, { headers: { cookie: "NEXT_LOCALE=en" } });
  expect(english.status()).toBe(200);
  await expect
    .poll(() => buildFiles().some((path) => path.includes(`/en/products/${slug}`)), {
      timeout: 10_000,
    })
    .toBe(true);

  const stored = buildFiles().filter((path) => tokens.some((token) => path.includes(token)));
  expect(stored, "files named after the flood's paths").toEqual([]);
});

test("the cached pages tell shared caches not to keep them: one URL serves two languages @faults", async ({
  request,
}) => {
  for (const path of ["/", "/products/batik-kawung-tote"]) {
    const indonesian = await request.get(path, { headers: { cookie: "NEXT_LOCALE=id" } });
    const english = await request.get(path, { headers: { cookie: "NEXT_LOCALE=en" } });
    expect(await indonesian.text()).toContain('<html lang="id"');
    expect(await english.text()).toContain('<html lang="en"');
    for (const response of [indonesian, english]) {
      // `private` is the one word every shared cache honours (Cloudflare ignores Vary on pages).
      expect(response.headers()["cache-control"], path).toBe("private, no-cache");
    }
  }
  // The product pictures under the same path are the same in every language.
  const picture = await request.get("/products/batik-kawung-tote.svg");
  expect(picture.status()).toBe(200);
  expect(picture.headers()["cache-control"]).not.toContain("private");
});

test("only the shop's languages reach its pages: paths around the proxy are 404s with a CSP and no data @faults", async ({
  page,
}) => {
  await sandbox.reset();
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  const attempt = db.latestAttempt();
  const token = db.tokenOfAttempt(attempt.id);
  const order = db.order(token)!;
  await signInAsAdmin(page);

  // Under /static, what is not a file is a plain 404.
  for (const path of [`/static/orders/${token}`, "/static/x.png"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toBe("Not found\n");
  }
  // Under /api, what no handler claims is a JSON 404 that says nothing of the order.
  for (const path of [
    `/api/orders/${token}`,
    `/api/orders/${token}/return`,
    `/api/orders/${token}/cancel`,
    "/api/products/x",
    "/api/doku/notifications/x",
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.json(), path).toEqual({ error: "No such API route." });
  }
  const paths = [
    "/api",
    `/id/orders/${token}`,
    `/en/orders/${token}/return`,
    `/id/admin/orders/${order.id}.png`,
    `/id/admin/orders/${order.id}`,
    `/x${randomBytes(4).toString("hex")}.png`,
    "/favicon.ico/x",
    "/robots.txt",
    "/id",
    "/en/products/batik-kawung-tote",
  ];
  for (const path of paths) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toContain("text/html");
    expect(response.headers()["content-security-policy"], path).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    // The 404 page's router state names the path it was asked for (the token is the requester's
    // own); nothing of the order or the back office.
    const body = await response.text();
    expect(body, path).not.toContain("order-status");
    for (const secret of [
      shopper.email,
      shopper.firstName,
      attempt.invoice_number,
      "admin@e2e.example",
    ]) {
      expect(body, `${secret} in ${path}`).not.toContain(secret);
    }
  }
  expect(
    db.attempts(order.id).map((a) => a.status),
    "the return route never ran",
  ).toEqual(["pending"]);
});
