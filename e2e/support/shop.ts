// Page steps a shopper takes, by role and label, shared by the specs.
import { expect, type Page, type Route } from "@playwright/test";
import { E2E } from "./env";

/** `base` is empty for the shared app (the config's baseURL), or e.g. `http://localhost:3200`. */
export async function addToCart(page: Page, productName: string, quantity = 1, base = "") {
  await page.goto(`${base}/`);
  await page.getByRole("link", { name: productName }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: productName })).toBeVisible();
  await page.getByLabel("Quantity", { exact: true }).fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
}

export const shopper = {
  firstName: "Siti",
  lastName: "Rahayu",
  email: "siti.rahayu@example.com",
  phone: "0812 3456 7890",
  address: "Jl. Malioboro No. 52",
  city: "Yogyakarta",
  postalCode: "55271",
  courierPhone: "+62 813 1111 2222",
};

export async function fillCheckout(page: Page, who = shopper) {
  await page.getByLabel("First name", { exact: true }).fill(who.firstName);
  await page.getByLabel("Last name (optional)", { exact: true }).fill(who.lastName);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Mobile number").fill(who.phone);
  await page.getByLabel("Street address", { exact: true }).fill(who.address);
  await page.getByLabel("City", { exact: true }).fill(who.city);
  await page.getByLabel("Postal code", { exact: true }).fill(who.postalCode);
  await page.getByLabel("Phone for the courier").fill(who.courierPhone);
}

/** From a filled cart to the sandbox's Kredivo page; returns the order token from the callback. */
export async function checkoutToKredivo(page: Page, base = "", who = shopper) {
  await page.goto(`${base}/checkout`);
  await fillCheckout(page, who);
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);
}

export function tokenFromUrl(url: string): string {
  const match = /\/orders\/([A-Za-z0-9_-]{32})/.exec(url);
  if (!match) throw new Error(`no order token in ${url}`);
  return match[1]!;
}

/** Signs in to the back office with the seeded e2e admin. */
export async function signInAsAdmin(page: Page, base = "") {
  await page.goto(`${base}/admin/sign-in`);
  await page.getByLabel("Email").fill(E2E.env.ADMIN_EMAIL);
  await page.getByLabel("Password").fill(E2E.env.ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

/** The value of the httpOnly cart cookie, if the browser holds one. */
export async function cartCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === "tn_cart")?.value;
}

/**
 * Rewrites one field of the form posts (server actions, multipart) sent to `url` from now on, as
 * a crafted request would: more reliable than editing the DOM, which hydration may restore.
 * Answers a function that stops it.
 */
export async function forgeFormField(
  page: Page,
  url: string,
  field: string,
  value: string,
): Promise<() => Promise<void>> {
  const pattern = new RegExp(`(name="(?:[^"]*_)?${field}"\\r\\n\\r\\n)[^\\r]*(\\r\\n)`);
  const handler = async (route: Route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || !body || !pattern.test(body))
      return route.continue();
    await route.continue({
      postData: body.replace(
        pattern,
        (_match, before: string, after: string) => before + value + after,
      ),
    });
  };
  await page.route(url, handler);
  return () => page.unroute(url, handler);
}
