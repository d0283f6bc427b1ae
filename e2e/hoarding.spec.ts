// One shopper cannot take a scarce product off sale by ordering without paying: the product's
// most per order ("maks. 2 per pembeli", set with the merchant's own `npm run stock`) and the cap
// on unpaid orders one shopper may hold, on an app of its own with the shop's real bound and no
// reconciler (so no hold ends during the test).
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { startOwnApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, fillCheckout, shopper } from "./support/shop";

const PHONE = "Lintas X5 Smartphone 8/256 GB";
const PHONE_SLUG = "lintas-x5-smartphone";
const TOTE = "Batik Kawung Canvas Tote";

test("a hoarder is held to the product's most per order and to two unpaid orders; other shoppers still buy @faults", async ({
  page,
}) => {
  await sandbox.reset();
  const app = await startOwnApp({ MAX_OPEN_ORDERS_PER_SHOPPER: "2", RECONCILE_INTERVAL_MS: "0" });
  try {
    const env = { ...process.env, ...E2E.env, DATABASE_URL: app.databaseUrl };
    const stockScript = (...args: string[]) =>
      execFileSync(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "scripts/stock.ts", ...args],
        { env, encoding: "utf8" },
      );
    expect(stockScript(PHONE_SLUG, "10")).toContain(`${PHONE_SLUG}: stock`);
    expect(stockScript(PHONE_SLUG, "--max-per-order", "2")).toContain(
      "most per order no limit → 2",
    );

    // The product page says so (within the cached page's 5 s), and more is refused.
    await expect(async () => {
      await page.goto(`${app.base}/products/${PHONE_SLUG}`);
      await expect(page.getByTestId("max-per-order")).toHaveText("At most 2 per order", {
        timeout: 500,
      });
    }).toPass({ timeout: 15_000, intervals: [1_000] });
    await page.getByLabel("Quantity", { exact: true }).fill("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("add-to-cart-error")).toHaveText(
      "At most 2 per order for this product.",
    );
    await page.screenshot({ path: screenshotPath("hoarding-max-per-order.png") });

    // Two orders of two phones each: the shopper now holds two unpaid orders.
    for (let n = 1; n <= 2; n++) {
      await addToCart(page, PHONE, 2, app.base);
      await checkoutToKredivo(page, app.base);
    }
    expect(app.db.stock(PHONE_SLUG)).toBe(6);

    // A third, of anything, is refused in words, and holds nothing.
    await addToCart(page, TOTE, 1, app.base);
    await page.goto(`${app.base}/checkout`);
    await fillCheckout(page);
    await page.getByRole("button", { name: "Pay with Kredivo" }).click();
    await expect(page.getByTestId("form-error")).toContainText(
      "You already have 2 unpaid orders holding items.",
    );
    await page.screenshot({ path: screenshotPath("hoarding-open-orders.png") });
    expect(app.db.customerEmails()).toEqual([shopper.email]);
    expect(app.db.stock(PHONE_SLUG)).toBe(6);

    // Another shopper buys the phone as usual.
    await page.context().clearCookies({ name: "tn_cart" });
    await addToCart(page, PHONE, 1, app.base);
    await checkoutToKredivo(page, app.base, {
      ...shopper,
      email: "dewi.lestari@example.com",
      phone: "0813 2222 3333",
    });
    expect(app.db.stock(PHONE_SLUG)).toBe(5);
  } finally {
    await app.close();
  }
});
