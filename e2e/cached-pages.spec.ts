// The catalogue and product pages come from the page cache, and their Content-Security-Policy
// still keeps out any script that was not in the page as it was rendered: here one is injected
// into the HTML on its way to the browser, as a compromised proxy or a stored XSS would, and the
// browser must refuse it while the page's own scripts run.
import { expect, test } from "@playwright/test";
import { inlineScriptHashes } from "../lib/content-security-policy.mjs";
import { db, setProductActive } from "./support/db";
import { screenshotPath } from "./support/screenshots";
import { addToCart, checkoutToKredivo } from "./support/shop";

const PRODUCT = "Java Preanger Arabica Beans 250 g";
const PRODUCT_PATH = "/products/java-preanger-arabica-250g";
// STALE is from the cache too (served while it is rendered afresh, once 5 s have passed).
const FROM_CACHE = ["HIT", "STALE"];

test("a cached product page carries its CSP, and an inline script injected into it is refused", async ({
  page,
}) => {
  // The second request is answered from the cache, with the policy the cache stored beside the page.
  await page.request.get(PRODUCT_PATH);

  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  let served = "";
  await page.route(`**${PRODUCT_PATH}`, async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    served = await response.text();
    const body = served.replace("</body>", "<script>window.injected = true</script></body>");
    await route.fulfill({ response, body });
  });

  const response = await page.goto(PRODUCT_PATH);
  expect(FROM_CACHE).toContain(response!.headers()["x-nextjs-cache"]);
  // The policy allows exactly the inline scripts of the page as the cache served it (the page may
  // have been rendered again since the first request: stock changes it).
  const scriptSrc =
    /script-src [^;]*/.exec(response!.headers()["content-security-policy"] ?? "")?.[0] ?? "";
  expect(scriptSrc).toBe(
    ["script-src 'self'", ...inlineScriptHashes(served).map((hash) => `'${hash}'`)].join(" "),
  );
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    )
    .toContain("script-src-elem inline");
  expect(
    await page.evaluate(() => (window as unknown as { injected?: boolean }).injected),
  ).toBeUndefined();

  // The page's own scripts ran: the form is hydrated and the server action answers.
  await page.getByLabel("Quantity", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});

test("the cart badge comes from the browser: a shopper with a cart gets the same cached catalogue", async ({
  page,
}) => {
  await page.request.get("/");
  await addToCart(page, PRODUCT, 3);
  const response = await page.goto("/");
  expect(FROM_CACHE).toContain(response!.headers()["x-nextjs-cache"]);
  expect(response!.headers()["cache-control"]).not.toContain("no-store");
  await expect(page.getByTestId("cart-count")).toHaveText("3");
  // And the cart page, rendered per request, is as strict as before.
  const cart = await page.goto("/cart");
  expect(cart!.headers()["cache-control"]).toContain("no-store");
  expect(cart!.headers()["content-security-policy"]).toMatch(
    /'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
  );
});

test("the last units: 'only N left', more than that refused, then 'sold out' on the cached pages", async ({
  page,
}) => {
  const PHONE = "Lintas X5 Smartphone 8/256 GB";
  const slug = "lintas-x5-smartphone";
  const left = db.stock(slug);
  expect(left, "the seed leaves a few phones").toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(5);

  // A page cached by an earlier run of the server may be served once more while it is rendered afresh.
  await expect(async () => {
    await page.goto(`/products/${slug}`);
    await expect(page.getByTestId("stock-note")).toHaveText(`Only ${left} left`, { timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [1_000] });
  await page.getByLabel("Quantity", { exact: true }).fill(String(left + 1));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("add-to-cart-error")).toHaveText(`Only ${left} left in stock.`);
  await expect(
    page.getByLabel("Quantity", { exact: true }),
    "the field keeps what the shopper asked for",
  ).toHaveValue(String(left + 1));
  expect(db.stock(slug)).toBe(left);
  await page.screenshot({ path: screenshotPath("stock-only-left-refused.png") });

  await page.getByLabel("Quantity", { exact: true }).fill(String(left));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await checkoutToKredivo(page);
  // Placing the order reserved every unit; the cached pages follow within their 5-second window
  // (the first request after it is still answered from the cache while the page renders again).
  expect(db.stock(slug)).toBe(0);
  await expect(async () => {
    await page.goto(`/products/${slug}`);
    await expect(page.getByTestId("stock-note")).toHaveText("Sold out", { timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [1_000] });
  await expect(page.getByLabel("Quantity", { exact: true })).toBeDisabled();
  await expect(async () => {
    await page.goto("/");
    await expect(
      page.getByRole("article").filter({ hasText: PHONE }).getByTestId("stock-note"),
    ).toHaveText("Sold out", { timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [1_000] });
  await page.screenshot({ path: screenshotPath("stock-sold-out-catalog.png"), fullPage: true });
});

test("a product taken off sale leaves the page cache within seconds, and comes back when put on sale", async ({
  request,
}) => {
  const slug = "batik-truntum-silk-scarf";
  const path = `/products/${slug}`;
  expect((await request.get(path)).status()).toBe(200);
  const status = async () => (await request.get(path)).status();
  try {
    setProductActive(slug, false);
    // Served stale once, rendered again in the background, then the 404 replaces the copy.
    await expect.poll(status, { timeout: 20_000, intervals: [1_000] }).toBe(404);
    expect(await status(), "the 404 is kept, not the old page").toBe(404);
  } finally {
    setProductActive(slug, true);
  }
  await expect.poll(status, { timeout: 20_000, intervals: [1_000] }).toBe(200);
});
