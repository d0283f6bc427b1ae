// The one-time links through the browser: "Forgot password?" from the sign-in page to a new
// session (another browser signed in before the reset is signed out; the link used again says so),
// an invitation link to a staff account, and the keyboard and axe on the forgot, reset and
// invitation pages. Screenshots of each page go to test-results/screenshots.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { deriveToken, hashToken, newNonce, TOKEN_LIFETIME_MS } from "@/lib/auth/account-tokens";
import { expectNoSeriousViolations } from "./support/axe";
import { E2E } from "./support/env";
import { mailTo, sandbox } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { newStaffEmail, seedStaff } from "./support/staff";

const englishCookie = {
  name: "NEXT_LOCALE",
  value: "en",
  domain: "localhost",
  path: "/",
  sameSite: "Lax" as const,
};

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, maxPresses = 30) {
  for (
    let i = 0;
    i < maxPresses && !(await target.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

/** The one-time link in an account email's plain text. */
function linkIn(text: string | null, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]{43}`).exec(text ?? "");
  if (!match) throw new Error(`no ${path} link in the email`);
  return new URL(match[0]).pathname;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

async function newContext(browser: Browser) {
  const context = await browser.newContext();
  await context.addCookies([{ ...englishCookie, expires: -1, httpOnly: false, secure: false }]);
  return context;
}

/** An invitation as the Accounts page issues it: the token row and its email, in one transaction. */
function invite(email: string, role: "owner" | "staff"): void {
  const conn = new Database(E2E.env.DATABASE_URL);
  try {
    const nonce = newNonce();
    const now = Date.now();
    conn.transaction(() => {
      const { id } = conn
        .prepare(
          `INSERT INTO account_tokens (purpose, email, role, token_hash, nonce, locale, expires_at, created_at, created_by)
           VALUES ('invitation', ?, ?, ?, ?, 'en', ?, ?, (SELECT min(id) FROM users WHERE role = 'owner')) RETURNING id`,
        )
        .get(
          email,
          role,
          hashToken(deriveToken(E2E.env.AUTH_SECRET, "invitation", nonce)),
          nonce,
          now + TOKEN_LIFETIME_MS.invitation,
          now,
        ) as { id: number };
      conn
        .prepare(
          `INSERT INTO email_outbox (account_token_id, kind, cause, recipient, status, tries, next_attempt_at, created_at)
           VALUES (?, 'staff_invitation', ?, ?, 'queued', 0, ?, ?)`,
        )
        .run(id, `token:${id}`, email, now, now);
    })();
  } finally {
    conn.close();
  }
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test("forgot password: the email's link sets a new password, signs in, ends the other session, and works once @faults", async ({
  page,
  browser,
}) => {
  const email = newStaffEmail("forgot");
  seedStaff(email, "the password I forgot 1");
  // A second browser, signed in before the reset.
  const other = await newContext(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email, "the password I forgot 1");

  await page.goto("/admin/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot password" })).toBeVisible();
  await expectNoSeriousViolations(page, "forgot password");
  await page.screenshot({ path: screenshotPath("forgot-password.png"), fullPage: true });
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  const sent = page.getByTestId("forgot-sent");
  await expect(sent).toHaveText(/If this address has an account/);
  await page.screenshot({ path: screenshotPath("forgot-password-sent.png"), fullPage: true });

  // An address with no account reads exactly the same.
  await page.goto("/admin/forgot-password");
  await page.getByLabel("Email").fill(newStaffEmail("nobody"));
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("forgot-sent")).toHaveText((await sent.textContent()) ?? "");

  const [mail] = await mailTo(email);
  const link = linkIn(mail!.text, "/admin/reset-password");
  await page.goto(link);
  await expect(
    page.getByRole("heading", { level: 1, name: "Choose a new password" }),
  ).toBeVisible();
  await expectNoSeriousViolations(page, "reset password");

  // Too short and not repeated: said field by field, nothing changed.
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("shorter");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByTestId("password-error")).toHaveText(/at least 12 characters/);
  await expect(page.getByTestId("confirmation-error")).toHaveText(/not the same/);
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await page.getByLabel("New password", { exact: true }).fill("aaaaaaaaaaaaa");
  await expect(page.getByTestId("password-strength")).toHaveText("Password strength: very weak");
  await page.getByLabel("New password", { exact: true }).fill("lantai tiga, jendela biru 7");
  await expect(page.getByTestId("password-strength")).toHaveText("Password strength: strong");
  await expect(page.getByTestId("password-strength")).toHaveAttribute("aria-live", "polite");
  await page.getByLabel("Repeat the new password").fill("lantai tiga, jendela biru 7");
  await page.screenshot({ path: screenshotPath("reset-password.png"), fullPage: true });
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

  // The other browser's session ended with the old password.
  await otherPage.goto("/admin");
  await expect(otherPage).toHaveURL(/\/admin\/sign-in/);
  await other.close();

  // The same link again: it says so and offers nothing else.
  await page.goto(link);
  await expect(page.getByTestId("reset-verdict")).toHaveText(/already used/);
  await expect(page.locator("main input")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("reset-password-used.png"), fullPage: true });
});

test("an invitation link: name and password, then signed in as staff", async ({ page }) => {
  const email = newStaffEmail("invited");
  invite(email, "staff");
  const [mail] = await mailTo(email);
  const link = linkIn(mail!.text, "/admin/invitation");

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Join the back office" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Email")).toHaveAttribute("readonly", "");
  await expectNoSeriousViolations(page, "invitation");

  // Keyboard only: Tab to each field, Enter submits.
  const name = page.getByLabel("Your name");
  await tabTo(page, name);
  await page.keyboard.type("Dewi Lestari");
  await tabTo(page, page.getByLabel("New password", { exact: true }));
  await page.keyboard.type("dewi lestari 2024");
  await expect(page.getByTestId("password-strength")).toHaveText(/weak/);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("gudang belakang, rak nomor sembilan");
  await tabTo(page, page.getByLabel("Repeat the new password"));
  await page.keyboard.type("gudang belakang, rak nomor sembilan");
  await page.screenshot({ path: screenshotPath("invitation.png"), fullPage: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

  await page.goto("/admin/account");
  await expect(page.getByTestId("account-name")).toHaveText("Dewi Lestari");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("account-role")).toHaveText("Staff");

  await page.goto(link);
  await expect(page.getByTestId("invitation-verdict")).toHaveText(
    "This invitation was already used. Sign in with your email and password.",
  );
  await expect(page.locator("main input")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("invitation-used.png"), fullPage: true });
});

test("the forgot and reset pages with the keyboard alone; an unknown link offers nothing", async ({
  page,
}) => {
  const email = newStaffEmail("keys");
  seedStaff(email, "keyboard only pass 1");
  await page.goto("/admin/forgot-password");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("forgot-sent")).toBeVisible();
  const link = linkIn((await mailTo(email))[0]!.text, "/admin/reset-password");

  await page.goto(link);
  await tabTo(page, page.getByLabel("New password", { exact: true }));
  await page.keyboard.type("keyboard only, new pass 2");
  await tabTo(page, page.getByLabel("Repeat the new password"));
  await page.keyboard.type("keyboard only, new pass 2");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

  await page.goto(`/admin/reset-password/${"x".repeat(43)}`);
  await expect(page.getByTestId("reset-verdict")).toHaveText("This link is not valid.");
  await expect(page.locator("main form")).toHaveCount(0);
  await expectNoSeriousViolations(page, "reset link not valid");
});

test("own account: the current password is needed; a change keeps this session and ends the others", async ({
  page,
  browser,
}) => {
  const email = newStaffEmail("self");
  seedStaff(email, "my own password 001");
  const other = await newContext(browser);
  const otherPage = await other.newPage();
  await signIn(otherPage, email, "my own password 001");
  await signIn(page, email, "my own password 001");

  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectNoSeriousViolations(page, "account");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("my own password 002");
  await page.getByLabel("Repeat the new password").fill("my own password 002");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("current-error")).toHaveText("The current password is incorrect.");

  await page.getByLabel("Current password").fill("my own password 001");
  await page.getByLabel("New password", { exact: true }).fill("my own password 002");
  await page.getByLabel("Repeat the new password").fill("my own password 002");
  await page.screenshot({ path: screenshotPath("account.png"), fullPage: true });
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("password-changed")).toBeVisible();

  // This browser continues; the other one is signed out.
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await otherPage.goto("/admin");
  await expect(otherPage).toHaveURL(/\/admin\/sign-in/);
  await other.close();
});
