// The activity log through the browser: a named staff member signs in, checks an order's status
// with DOKU and resends its email; the Activity page lists each with their name, filters by
// action, and the order's timeline shows them beside DOKU's exchanges.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoSeriousViolations } from "./support/axe";
import { db } from "./support/db";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { addToCart, checkoutToKredivo, shopper, tokenFromUrl } from "./support/shop";
import { newStaffEmail, seedStaff, staffRow } from "./support/staff";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const PASSWORD = "activity-e2e-password-01";

test.beforeEach(async () => {
  await sandbox.reset();
});

/** A staff member of this test's own, with a name to find in the log. */
function namedStaff(): { email: string; name: string } {
  const email = newStaffEmail("activity");
  const name = `Rina ${randomBytes(3).toString("hex")}`;
  seedStaff(email, PASSWORD);
  const conn = new Database(E2E.env.DATABASE_URL);
  try {
    conn.prepare("UPDATE users SET name = ? WHERE email = ?").run(name, email);
  } finally {
    conn.close();
  }
  return { email, name };
}

async function signInAs(page: Page, email: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

test("staff actions are listed on the Activity page with who did them, and on the order's timeline", async ({
  page,
}) => {
  const staff = namedStaff();
  await addToCart(page, COFFEE, 1);
  await checkoutToKredivo(page);
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const token = tokenFromUrl(page.url());
  const order = db.order(token)!;
  const reference = `Order ${token.slice(0, 8).toUpperCase()}`;
  await mailTo(shopper.email);

  await signInAs(page, staff.email);
  await page.goto(`/admin/orders/${order.id}`);
  await page.getByRole("button", { name: "Check status with DOKU" }).first().click();
  await expect(page.getByTestId("check-status-result").first()).toBeVisible();
  const emails = page.getByRole("region", { name: "Emails" });
  const row = emails.locator("[data-testid=email-row][data-kind=order_confirmation]");
  await expect(row).toHaveAttribute("data-status", "sent");
  await row.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByTestId("resend-result").first()).toContainText("Queued again");

  // The Activity page, filtered to this person: newest first, their name on every row.
  await page.goto("/admin/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  await page.getByLabel("Person").selectOption({ label: staff.name });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/admin\/activity\?person=\d+/);
  const rows = page.getByTestId("activity-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-action", "order.email_resent");
  await expect(rows.nth(1)).toHaveAttribute("data-action", "order.check_status");
  await expect(rows.nth(2)).toHaveAttribute("data-action", "auth.sign_in");
  for (const i of [0, 1, 2]) await expect(rows.nth(i)).toContainText(staff.name);
  await expect(rows.nth(0)).toContainText("Resent an email");
  await expect(rows.nth(0).getByRole("link", { name: reference })).toBeVisible();
  await expect(rows.nth(1)).toContainText("Checked status with DOKU");
  await expect(rows.nth(2)).toContainText(staff.email);
  await expectNoSeriousViolations(page, "activity page");
  await page.screenshot({ path: screenshotPath("admin-6-activity.png"), fullPage: true });

  // By action, in words: only the resend is left.
  await page.getByLabel("Action").selectOption({ label: "Resent an email" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=order\.email_resent/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-action", "order.email_resent");

  // The order's link leads to its timeline, where both actions sit among DOKU's exchanges.
  await rows.first().getByRole("link", { name: reference }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${order.id}$`));
  const timeline = page.getByTestId("admin-timeline");
  const mine = timeline.getByTestId("timeline-activity");
  await expect(mine).toHaveCount(2);
  await expect(mine.nth(0)).toHaveAttribute("data-action", "order.check_status");
  await expect(mine.nth(1)).toHaveAttribute("data-action", "order.email_resent");
  await expect(mine.nth(0)).toContainText(staff.name);
  // Time order: DOKU's exchanges (generate-order, the notification) come before the staff's.
  const kinds = await timeline
    .locator("> li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")));
  expect(kinds.slice(0, 2)).toEqual(["timeline-event", "timeline-event"]);
  expect(kinds.filter((k) => k === "timeline-activity")).toHaveLength(2);
  await page
    .getByRole("region", { name: "Payment timeline" })
    .screenshot({ path: screenshotPath("admin-7-order-timeline.png") });
});

test("a filter in the address that cannot be read is named, and the rest still applies", async ({
  page,
}) => {
  const staff = namedStaff();
  await signInAs(page, staff.email);
  await page.goto("/admin/activity?person=someone&action=auth.sign_in&from=2026-02-30");
  await expect(page.getByTestId("activity-ignored")).toContainText("person, from date");
  const rows = page.getByTestId("activity-row");
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-action"))))
    expect(action).toBe("auth.sign_in");
  await expect(page.getByLabel("Action")).toHaveValue("auth.sign_in");
});

test("signing out is recorded, as signing in is; the filter works by keyboard alone", async ({
  page,
}) => {
  const staff = namedStaff();
  await signInAs(page, staff.email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await signInAs(page, staff.email);
  const id = staffRow(staff.email)!.id;
  await page.goto(`/admin/activity?person=${id}`);
  const rows = page.getByTestId("activity-row");
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-action")))).toEqual([
    "auth.sign_in",
    "auth.sign_out",
    "auth.sign_in",
  ]);
  await expect(rows.nth(1)).toContainText("Signed out");

  // The filter by keyboard alone: past the skip link into the page, to the action, type its
  // words, on to the button.
  const focusBy = async (target: ReturnType<Page["getByLabel"]>) => {
    for (let i = 0; i < 40; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
  };
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const action = page.getByLabel("Action");
  await focusBy(action);
  await expect(action).toBeFocused();
  await page.keyboard.type("Signed out");
  await expect(action).toHaveValue("auth.sign_out");
  const submit = page.getByRole("button", { name: "Filter" });
  await focusBy(submit);
  await expect(submit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/action=auth\.sign_out/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-action", "auth.sign_out");
});
