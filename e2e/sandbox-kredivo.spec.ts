// The sandbox's Kredivo page in a real browser: an order made through lib/doku/client, approved
// by clicking, lands as a verified notification at a receiver of the test's own.
import { expect, test } from "@playwright/test";
import { createDokuClient } from "@/lib/doku/client";
import { verifyNotification } from "@/lib/doku/notification";
import { orderBody } from "@/tests/support/orders";
import { startReceiver } from "@/tests/support/receiver";
import { E2E } from "./support/env";

const {
  DOKU_CLIENT_ID: clientId,
  DOKU_SECRET_KEY: secretKey,
  DOKU_NOTIFICATION_PATH: notificationPath,
} = E2E.env;

test("approve on the sandbox Kredivo page sends a signed notification", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const client = createDokuClient({ baseUrl: E2E.sandboxUrl, clientId, secretKey });
    // The override may change the notification host, never its path (DOKU's rule).
    const body = orderBody({
      callbackBase: receiver.url,
      notificationUrl: `${receiver.url}${notificationPath}`,
    });
    const created = await client.generateOrder(body);
    expect(created.ok, JSON.stringify(!created.ok && created.error)).toBe(true);
    if (!created.ok) return;

    await page.goto(created.data.payment.url!);
    await expect(page.getByRole("banner")).toContainText("Kredivo");
    await expect(page.getByText("Batik Parang Shirt")).toBeVisible();
    await expect(page.getByText("Rp 385.000").first()).toBeVisible();
    await page.getByRole("button", { name: /approve/i }).click();

    await page.waitForURL(`${receiver.url}/orders/tok/return`);
    const notifications = receiver.received.filter((r) => r.path === notificationPath);
    expect(notifications).toHaveLength(1);
    const verdict = verifyNotification(notifications[0]!.rawBody, notifications[0]!.headers, {
      clientId,
      secretKey,
      notificationPath,
    });
    expect(verdict.ok).toBe(true);
    if (verdict.ok) {
      expect(verdict.notification.transaction.status).toBe("SUCCESS");
      expect(verdict.notification.order).toMatchObject({
        invoice_number: body.order.invoice_number,
        amount: 385_000,
      });
    }
  } finally {
    await receiver.close();
  }
});
