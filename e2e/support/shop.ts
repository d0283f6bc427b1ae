// Page steps a shopper takes, by role and label, shared by the specs.
import { expect, type Page } from "@playwright/test";

export async function addToCart(page: Page, productName: string, quantity = 1) {
  await page.goto("/");
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
export async function checkoutToKredivo(page: Page) {
  await page.goto("/checkout");
  await fillCheckout(page);
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page).toHaveURL(/\/kredivo\/signIn\?tk=/);
}

export function tokenFromUrl(url: string): string {
  const match = /\/orders\/([A-Za-z0-9_-]{32})/.exec(url);
  if (!match) throw new Error(`no order token in ${url}`);
  return match[1]!;
}
