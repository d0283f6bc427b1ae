// An alert reaches a person: a real fault (DOKU's generate-order answer with a signature that does
// not verify, which the shop flags for review) becomes an alert row, is posted to the webhook
// receiver (the sandbox's, standing in for Slack or Discord) with the body both read, and the back
// office lists it, in both languages.
import { expect, test } from "@playwright/test";
import { alertRows, endAlertWindow, webhookPosts } from "./support/alerts";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { addToCart, fillCheckout, signInAsAdmin, tokenFromUrl } from "./support/shop";

const COFFEE = "Java Preanger Arabica Beans 250 g";

test.beforeEach(async () => {
  await sandbox.reset();
  endAlertWindow("flagged_for_review");
});

test("a generate-order answer with a bad signature is flagged, posted to the webhook and listed in the back office @faults", async ({
  page,
}) => {
  await sandbox.fault({ target: "generate-order", kind: "bad-signature", times: 1 });
  await addToCart(page, COFFEE, 1);
  await page.goto("/checkout");
  await fillCheckout(page);
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{32}$/, { timeout: 15_000 });
  const order = db.order(tokenFromUrl(page.url()))!;
  const [event] = db.events(order.id);
  expect(event).toMatchObject({ outcome: "rejected:bad_signature", flagged: 1 });

  // The receiver gets it within a few of the alert loop's passes (ALERT_INTERVAL_MS: 300).
  await expect
    .poll(async () => (await webhookPosts()).filter((p) => p.body.details.order === order.id), {
      timeout: 10_000,
    })
    .toHaveLength(1);
  const [post] = (await webhookPosts()).filter((p) => p.body.details.order === order.id);
  expect(post!.channel).toBe("alerts");
  expect(post!.body).toMatchObject({
    kind: "flagged_for_review",
    summary: `Payment event #${event!.id} (generate_order) flagged for review on order #${order.id}`,
    details: { event: event!.id, order: order.id, outcome: "rejected:bad_signature" },
    shop: E2E.appUrl,
  });
  expect(post!.body.content).toContain(`[localhost:${E2E.appPort}] Payment event #${event!.id}`);
  expect(post!.body.text).toContain(`Payment event #${event!.id}`);
  const row = alertRows().find((a) => JSON.parse(a.details).event === event!.id)!;
  expect(row).toMatchObject({ kind: "flagged_for_review", state: "sent", tries: 1 });

  // The sandbox's page shows what Slack or Discord would have.
  await page.goto(`${E2E.sandboxUrl}/_sandbox/webhooks`);
  await expect(page.getByTestId("webhook-post").first()).toContainText(
    `Payment event #${event!.id} (generate_order) flagged for review`,
  );

  // The back office lists it, sent, with its order, in English and in Indonesian.
  await signInAsAdmin(page);
  await page
    .getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Alerts" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const listed = page.getByTestId("alert-row").filter({ hasText: `#${event!.id}` });
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute("data-state", "sent");
  await expect(listed).toContainText(`Payment event #${event!.id} needs a person to look at it`);
  await expect(listed).toContainText("rejected:bad_signature");
  await expect(listed.getByRole("link", { name: `Order #${order.id}` })).toHaveAttribute(
    "href",
    `/admin/orders/${order.id}`,
  );
  await expect(listed.getByText("Sent", { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath("admin-alerts-en.png"), fullPage: true });

  await page
    .getByRole("button", { name: "ID: switch language to Bahasa Indonesia", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Peringatan" })).toBeVisible();
  await expect(listed).toContainText(`Kejadian pembayaran #${event!.id} perlu diperiksa`);
  await expect(listed.getByText("Terkirim", { exact: true })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("admin-alerts-id-phone.png"), fullPage: true });
});
