// What a browser receives: security headers on every page, a CSP nonce on every script of a page
// rendered per request and the hash of every inline script on a cached one, no secret in any
// shipped file or page, and nothing of an order for a wrong token or of the back
// office on a shopper's page.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { addToCart, checkoutToKredivo, shopper, signInAsAdmin } from "./support/shop";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const PRODUCT_PATH = "/products/java-preanger-arabica-250g";
const SECRETS = {
  DOKU_SECRET_KEY: E2E.env.DOKU_SECRET_KEY,
  AUTH_SECRET: E2E.env.AUTH_SECRET,
  ADMIN_PASSWORD: E2E.env.ADMIN_PASSWORD,
};

test.beforeEach(async () => {
  await sandbox.reset();
});

/** An order left on the Kredivo page (pending), for `who`; answers its token. */
async function pendingOrder(page: Page, who = shopper): Promise<string> {
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page, "", who);
  return db.tokenOfAttempt(db.latestAttempt().id);
}

function scriptSrcOf(csp: string): string {
  const directive = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "));
  expect.soft(directive, csp).toBeDefined();
  return directive ?? "";
}

/** The pages served from the page cache (proxy.ts isCachedPage): their policy lists script hashes. */
const CACHED_PATHS = new Set(["/", PRODUCT_PATH]);

/**
 * The response's headers, and its scripts against its CSP: on a page rendered per request every
 * <script> tag carries this response's nonce; on a cached page there is no nonce, and every inline
 * script's SHA-256 is in the policy. Soft assertions: one run lists every page and header that is
 * wrong.
 */
async function expectSecured(
  response: Response | APIResponse,
  label: string,
  scripts: "nonce" | "hashes" = "nonce",
) {
  const headers = response.headers();
  expect
    .soft(headers["referrer-policy"], `${label}: Referrer-Policy`)
    .toBe("strict-origin-when-cross-origin");
  expect
    .soft(headers["x-content-type-options"], `${label}: X-Content-Type-Options`)
    .toBe("nosniff");
  expect.soft(headers["permissions-policy"], `${label}: Permissions-Policy`).toMatch(/camera=\(\)/);
  expect
    .soft(headers["strict-transport-security"], `${label}: Strict-Transport-Security`)
    .toMatch(/^max-age=\d{7,}/);
  const csp = headers["content-security-policy"];
  expect.soft(csp, `${label}: Content-Security-Policy`).toBeTruthy();
  if (!csp) return;
  const scriptSrc = scriptSrcOf(csp);
  expect.soft(scriptSrc, label).not.toContain("'unsafe-inline'");
  expect
    .soft(
      csp.split(";").map((d) => d.trim()),
      label,
    )
    .toContain("frame-ancestors 'none'");
  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect.soft(tags.length, `${label}: scripts`).toBeGreaterThan(0);

  if (scripts === "hashes") {
    expect.soft(scriptSrc, `${label}: a cached page carries no nonce`).not.toContain("'nonce-");
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attributes]) => !/\bsrc=/.test(attributes!),
    );
    expect.soft(inline.length, `${label}: inline scripts`).toBeGreaterThan(0);
    const unlisted = inline
      .map(
        ([, , body]) => `'sha256-${createHash("sha256").update(body!, "utf8").digest("base64")}'`,
      )
      .filter((hash) => !scriptSrc.includes(hash));
    expect
      .soft(unlisted, `${label}: inline scripts whose hash the policy does not list`)
      .toEqual([]);
    return;
  }
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect.soft(nonce, `${label}: nonce in ${scriptSrc}`).toBeTruthy();
  const withoutNonce = tags.filter((tag) => !tag.includes(`nonce="${nonce}"`));
  expect.soft(withoutNonce, `${label}: <script> tags without this response's nonce`).toEqual([]);
}

test("every shop and admin page sends the security headers and a CSP that allows only its own scripts @faults", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy"))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));

  const token = await pendingOrder(page);
  await addToCart(page, COFFEE, 1);
  const nonces: string[] = [];
  const paths = [
    "/",
    PRODUCT_PATH,
    "/cart",
    "/checkout",
    `/orders/${token}`,
    `/orders/${token}/cancel`,
    "/admin/sign-in",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await expectSecured(response!, path, CACHED_PATHS.has(path) ? "hashes" : "nonce");
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
    if (nonce) nonces.push(nonce);
    // The page is alive under its CSP: hydrated client code runs.
    await expect(page.locator("body")).toBeVisible();
  }
  expect(new Set(nonces).size, "a fresh nonce per response").toBe(nonces.length);

  // Client components work under the CSP: the checkout form validates in the browser.
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page.getByText("Enter your first name")).toBeVisible();

  await signInAsAdmin(page);
  for (const path of ["/admin", "/admin/stock", `/admin/orders/${db.order(token)!.id}`]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    await expectSecured(response!, path);
  }
  expect(violations).toEqual([]);
});

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test("no secret is shipped: not in .next/static, not in any page's HTML @faults", async ({
  page,
}) => {
  const files = filesUnder(".next/static");
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(10);
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(bytes.includes(secret), `${name} in ${file}`).toBe(false);
    }
  }

  const token = await pendingOrder(page);
  await addToCart(page, COFFEE, 1);
  const pages: [string, string][] = [];
  for (const path of [
    "/",
    PRODUCT_PATH,
    "/cart",
    "/checkout",
    `/orders/${token}`,
    `/orders/${token}/cancel`,
    "/admin/sign-in",
  ]) {
    const response = await page.goto(path);
    pages.push([path, await response!.text()]);
  }
  // The shopper's return from Kredivo: the redirect itself, then the page it leads to.
  const back = await page.request.get(`/orders/${token}/return`, { maxRedirects: 0 });
  expect(back.status()).toBe(303);
  pages.push([`/orders/${token}/return`, await back.text()]);
  const followed = await page.goto(`/orders/${token}/return`);
  pages.push([`/orders/${token}/return → ${followed!.url()}`, await followed!.text()]);
  // The sign-in page after a failed attempt echoes nothing typed back.
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(E2E.env.ADMIN_EMAIL);
  await page.getByLabel("Password").fill(`${E2E.env.ADMIN_PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  pages.push(["/admin/sign-in (after a wrong password)", await page.content()]);
  await signInAsAdmin(page);
  for (const path of ["/admin", "/admin/stock", `/admin/orders/${db.order(token)!.id}`]) {
    const response = await page.goto(path);
    pages.push([path, await response!.text()]);
  }

  for (const [path, html] of pages) {
    for (const [name, secret] of Object.entries(SECRETS))
      expect(html.includes(secret), `${name} in ${path}`).toBe(false);
  }
});

test("a wrong order token reveals nothing, and an order page shows none of DOKU's internals @faults", async ({
  page,
}) => {
  const otherEmail = "another.customer@example.com";
  const other = await pendingOrder(page, { ...shopper, email: otherEmail });
  const token = await pendingOrder(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const order = db.order(token)!;
  const [attempt] = db.attempts(order.id);
  expect(attempt!.kredivo_order_id).toBeTruthy();
  const emails = db.customerEmails();
  expect(emails).toEqual(expect.arrayContaining([shopper.email, otherEmail]));

  for (const path of ["", "/cancel", "/return"]) {
    const wrong = randomBytes(24).toString("base64url");
    const response = await page.request.get(`/orders/${wrong}${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    const body = await response.text();
    for (const email of emails) expect(body, path).not.toContain(email);
    expect(body).not.toContain("order-status");
    expect(body).not.toContain(order.total.toLocaleString("id-ID"));
    expect(body).not.toContain(token);
  }
  await page.goto(`/orders/${randomBytes(24).toString("base64url")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that order");

  for (const path of [
    `/orders/${token}`,
    `/orders/${token}/cancel`,
    `/orders/${other}`,
    `/orders/${other}/cancel`,
  ]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const html = await response!.text();
    const ownEmail = path.includes(other) ? otherEmail : shopper.email;
    // The order page confirms where the email goes; the cancel page shows no email at all.
    if (!path.endsWith("/cancel")) expect(html, path).toContain(ownEmail);
    for (const email of emails.filter((e) => e !== ownEmail))
      expect(html, `${email} on ${path}`).not.toContain(email);
    for (const secret of [
      attempt!.request_id,
      attempt!.kredivo_order_id!,
      "HMACSHA256",
      "payment_events",
      "Request-Id",
    ]) {
      expect(html, `${secret} on ${path}`).not.toContain(secret);
    }
  }
});

test("no back-office data reaches a shopper's page @faults", async ({ page }) => {
  const token = await pendingOrder(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const order = db.order(token)!;
  const events = db.events(order.id);
  expect(events.map((e) => e.kind)).toEqual(["generate_order", "notification"]);
  await addToCart(page, COFFEE, 1);

  for (const path of [
    "/",
    PRODUCT_PATH,
    "/cart",
    "/checkout",
    `/orders/${token}`,
    `/orders/${token}/cancel`,
  ]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const html = await response!.text();
    for (const text of [
      "payment_events",
      "Request-Id",
      "request_id",
      "inbox_key",
      "HMACSHA256",
      "/admin/orders/",
    ]) {
      expect(html, `${text} on ${path}`).not.toContain(text);
    }
    for (const event of events)
      expect(html, `event request id on ${path}`).not.toContain(event.request_id!);
  }
});

test("password guessing is limited per account, whatever X-Forwarded-For claims @faults", async ({
  page,
}) => {
  // An account nobody uses, so the limit this test reaches never touches the other tests' admin.
  const email = `guess-${randomBytes(4).toString("hex")}@e2e.example`;
  await page.goto("/admin/sign-in");
  const error = page.getByTestId("sign-in-error");
  const guess = async (n: number) => {
    // A new address every time, as a client rotating the header would claim.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${n}` });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess-${n}`);
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/admin/sign-in",
      ),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    // React resets the form once the action's answer is rendered: filling it before then would
    // lose the next password to that reset (an empty field, no POST, a test that hangs).
    await expect(page.getByLabel("Password")).toHaveValue("");
    return (await error.textContent())?.trim();
  };
  // The first five are free (typos happen), each answered with the one generic message; then the
  // account must wait 1 s, 2 s, 4 s… — on a slow machine one more guess may slip in after a wait.
  const answers: (string | undefined)[] = [];
  for (let n = 1; n <= 8 && !answers.at(-1)?.startsWith("Too many"); n++)
    answers.push(await guess(n));
  expect(answers.slice(0, 5)).toEqual(Array(5).fill("Email or password is incorrect."));
  expect(answers.at(-1)).toMatch(/^Too many failed attempts\. Try again in \d+ seconds?\.$/);
  // The admin's own account is not affected by someone guessing at another one.
  await page.setExtraHTTPHeaders({});
  await signInAsAdmin(page);
});
