// The Accounts page through the browser, on an app with a database of its own (so its one owner
// really is the last): an owner invites a staff member and the email arrives with its one-time
// link; bad input is refused field by field; the last owner cannot be removed or demoted; staff
// neither see nor open the page, and replaying the owner's invite action as staff gets 403 and
// writes nothing.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  expect,
  test,
  type Browser,
  type Locator,
  type Page,
  type Request,
} from "@playwright/test";
import Database from "better-sqlite3";
import { expectNoSeriousViolations } from "./support/axe";
import { E2E } from "./support/env";
import { mailTo } from "./support/sandbox";
import { screenshotPath } from "./support/screenshots";
import { startOwnApp } from "./support/second-app";
import { newStaffEmail } from "./support/staff";

let app: Awaited<ReturnType<typeof startOwnApp>>;
const STAFF = { email: newStaffEmail("packer"), password: "a staff password 2026" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startOwnApp();
  // A staff account the way a merchant makes one from the shell.
  execFileSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "scripts/admin-create.ts",
      "--role",
      "staff",
      "--name",
      "Budi Packer",
    ],
    {
      env: {
        ...process.env,
        ...E2E.env,
        DATABASE_URL: app.databaseUrl,
        ADMIN_EMAIL: STAFF.email,
        ADMIN_PASSWORD: STAFF.password,
      },
      stdio: "pipe",
    },
  );
});

test.afterAll(async () => {
  await app?.close();
});

/** One query on the app's own database, read-only. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const conn = new Database(app.databaseUrl, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.base}/admin/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

const signInOwner = (page: Page) => signIn(page, E2E.env.ADMIN_EMAIL, E2E.env.ADMIN_PASSWORD);

async function openAccounts(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
}

async function invite(page: Page, email: string, role: "Owner" | "Staff", language: string) {
  const form = page.getByTestId("invite-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await form.getByLabel("Language of the email").selectOption({ label: language });
  await form.getByRole("button", { name: "Send invitation" }).click();
}

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never gets it. */
async function tabTo(page: Page, target: Locator, maxPresses = 60) {
  for (
    let i = 0;
    i < maxPresses && !(await target.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

const ownRow = (page: Page) =>
  page.locator(`[data-testid="account-row"][data-email="${E2E.env.ADMIN_EMAIL}"]`);

test("an owner invites a staff member; the email brings a one-time link", async ({ page }) => {
  await signInOwner(page);
  await openAccounts(page);
  await expect(ownRow(page)).toContainText("Owner");
  await expect(ownRow(page)).toContainText("(you)");

  const email = newStaffEmail("invited");
  await invite(page, email.toUpperCase(), "Staff", "English");
  await expect(page.getByTestId("invite-sent")).toContainText(`Invitation sent to ${email}`);
  const row = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
  await expect(row).toHaveAttribute("data-state", "invited");
  await expect(row).toContainText("Invited by Merchant admin");
  await expect(row).toContainText("Link valid until");

  const [mail] = await mailTo(email);
  const body = `${mail!.text ?? ""}\n${mail!.html ?? ""}`;
  const link = new RegExp(`${app.base}/admin/invitation/([A-Za-z0-9_-]{43})`).exec(body);
  expect(link, "the invitation link in the email").not.toBeNull();
  // The database holds only the hash of the link's token.
  const [token] = query<{ token_hash: string; role: string; locale: string }>(
    "SELECT token_hash, role, locale FROM account_tokens WHERE email = ?",
    email,
  );
  expect(token).toEqual({
    token_hash: createHash("sha256").update(link![1]!).digest("hex"),
    role: "staff",
    locale: "en",
  });
  expect(JSON.stringify(query("SELECT * FROM account_tokens"))).not.toContain(link![1]!);

  await expectNoSeriousViolations(page, "accounts");
  await page.screenshot({ path: screenshotPath("admin-5-accounts.png"), fullPage: true });
});

test("bad invitations are refused field by field, in both languages, and send nothing @faults", async ({
  page,
}) => {
  await signInOwner(page);
  await openAccounts(page);
  const before = query<{ n: number }>("SELECT count(*) AS n FROM account_tokens")[0]!.n;
  const form = page.getByTestId("invite-form");

  await invite(page, "not-an-address", "Staff", "English");
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Email", { exact: true })).toBeFocused();

  // The address of an existing account: the server's refusal, on the field.
  await invite(page, STAFF.email, "Owner", "English");
  await expect(form.getByText("This address already has an account.")).toBeVisible();

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "id", url: app.base }]);
  await page.reload();
  await form.getByLabel("Email", { exact: true }).fill("bukan alamat");
  await form.getByRole("button", { name: "Kirim undangan" }).click();
  await expect(form.getByText("Masukkan alamat email yang valid")).toBeVisible();

  expect(query<{ n: number }>("SELECT count(*) AS n FROM account_tokens")[0]!.n).toBe(before);
  expect(
    query<{ n: number }>(
      "SELECT count(*) AS n FROM email_outbox WHERE recipient = ?",
      STAFF.email,
    )[0]!.n,
  ).toBe(0);
});

test("the last owner cannot be removed or demoted, and is told why @faults", async ({ page }) => {
  await signInOwner(page);
  await openAccounts(page);
  const row = ownRow(page);

  await row.getByText("Remove…").click();
  await row.getByRole("button", { name: "Remove account" }).click();
  await expect(row.getByTestId("account-change-result").last()).toHaveText(
    /The shop must keep at least one owner: make someone else an owner first\./,
  );

  await row.getByLabel("Role of Merchant admin").selectOption({ label: "Staff" });
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByTestId("account-change-result").first()).toHaveText(
    /The shop must keep at least one owner/,
  );
  expect(
    query<{ role: string }>("SELECT role FROM users WHERE email = ?", E2E.env.ADMIN_EMAIL),
  ).toEqual([{ role: "owner" }]);
});

test("staff see no Accounts link and get 403 on the page @faults", async ({ page }) => {
  await signIn(page, STAFF.email, STAFF.password);
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  const response = await page.goto(`${app.base}/admin/accounts`);
  expect(response!.status()).toBe(403);
  await expect(page.getByTestId("invite-form")).toHaveCount(0);
  await expect(page.getByTestId("accounts-table")).toHaveCount(0);
  // The refusal is on the record, naming the page.
  const [refused] = query<{ after: string; actor_name: string }>(
    "SELECT after, actor_name FROM activity_log WHERE action = 'access.refused' ORDER BY id DESC LIMIT 1",
  );
  expect(refused!.actor_name).toBe("Budi Packer");
  expect(JSON.parse(refused!.after)).toEqual({ page: "/admin/accounts", needs: "owner" });
});

test("the whole journey: invited, joins by the link as staff, sees no owner's page; removed, their open tab is refused on the record @faults", async ({
  page,
  browser,
}) => {
  await signInOwner(page);
  await openAccounts(page);
  const email = newStaffEmail("joiner");
  await invite(page, email, "Staff", "English");
  await expect(page.getByTestId("invite-sent")).toContainText(`Invitation sent to ${email}`);
  const [mail] = await mailTo(email);
  const link = new RegExp(`${app.base}/admin/invitation/[A-Za-z0-9_-]{43}`).exec(
    `${mail!.text ?? ""}`,
  )?.[0];
  expect(link, "the invitation link in the email").toBeTruthy();

  // The invited person, in a browser of their own.
  const joinerContext = await browser.newContext();
  const { hostname } = new URL(app.base);
  await joinerContext.addCookies([
    { name: "NEXT_LOCALE", value: "en", domain: hostname, path: "/" },
  ]);
  const joiner = await joinerContext.newPage();
  await joiner.goto(link!);
  await expect(joiner.getByLabel("Email")).toHaveValue(email);
  await joiner.getByLabel("Your name").fill("Sari Gudang");
  await joiner.getByLabel("New password", { exact: true }).fill("lemari kayu di pojok gudang");
  await joiner.getByLabel("Repeat the new password").fill("lemari kayu di pojok gudang");
  await joiner.getByRole("button", { name: "Create my account" }).click();
  await expect(joiner).toHaveURL(/\/admin$/);
  const nav = joiner.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  expect((await joiner.goto(`${app.base}/admin/accounts`))!.status()).toBe(403);
  await joiner.goto(`${app.base}/admin`);

  // The owner removes them while their tab is open.
  await page.reload();
  const row = page.locator(`[data-testid="account-row"][data-email="${email}"]`);
  await expect(row).toContainText("Sari Gudang");
  await row.getByText("Remove…").click();
  await row.getByRole("button", { name: "Remove account" }).click();
  await expect(row).toHaveCount(0);

  // Their next request finds no account: sign-in, and the refusal on the record.
  await joiner.reload();
  await expect(joiner).toHaveURL(/\/admin\/sign-in/);
  const [account] = query<{ subject_id: string }>(
    "SELECT subject_id FROM activity_log WHERE action = 'account.removed' ORDER BY id DESC LIMIT 1",
  );
  const refusals = query<{ after: string }>(
    "SELECT after FROM activity_log WHERE action = 'access.refused' AND subject_id = ?",
    account!.subject_id,
  );
  expect(refusals.map((r) => JSON.parse(r.after))).toEqual([{ reason: "account_removed" }]);
  // Their past entries keep their name.
  expect(
    query<{ actor_name: string }>(
      "SELECT DISTINCT actor_name FROM activity_log WHERE actor_id = ?",
      Number(account!.subject_id),
    ),
  ).toEqual([{ actor_name: "Sari Gudang" }]);
  await joinerContext.close();
});

/** The owner's invite request as the browser sent it: the action's id and the exact body. */
async function captureInviteRequest(page: Page, email: string): Promise<Request> {
  const sent = page.waitForRequest(
    (r) => r.method() === "POST" && Boolean(r.headers()["next-action"]),
  );
  await invite(page, email, "Owner", "English");
  const request = await sent;
  await expect(page.getByTestId("invite-sent")).toBeVisible();
  return request;
}

async function staffPage(browser: Browser): Promise<Page> {
  // A context of its own, in English like the rest of the spec (playwright.config.ts's cookie).
  const context = await browser.newContext({
    storageState: {
      cookies: [
        {
          name: "NEXT_LOCALE",
          value: "en",
          domain: "localhost",
          path: "/",
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
  });
  const page = await context.newPage();
  await signIn(page, STAFF.email, STAFF.password);
  return page;
}

test("a staff session replaying the owner's invite action gets 403 and writes nothing @faults", async ({
  page,
  browser,
}) => {
  await signInOwner(page);
  await openAccounts(page);
  const ownerSent = newStaffEmail("owner-sent");
  const request = await captureInviteRequest(page, ownerSent);
  const actionId = request.headers()["next-action"]!;
  expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
  const body = request.postDataBuffer()!.toString("utf8");
  expect(body).toContain(ownerSent);

  const staff = await staffPage(browser);
  const replayed = newStaffEmail("replayed");
  const refusedBefore = query<{ n: number }>(
    "SELECT count(*) AS n FROM activity_log WHERE action = 'access.refused'",
  )[0]!.n;
  const response = await staff.request.post(`${app.base}/admin/accounts`, {
    headers: {
      "next-action": actionId,
      "content-type": request.headers()["content-type"]!,
      origin: app.base,
      accept: "text/x-component",
    },
    data: Buffer.from(body.replaceAll(ownerSent, replayed), "utf8"),
  });
  expect(response.status()).toBe(403);

  expect(query("SELECT id FROM account_tokens WHERE email = ?", replayed)).toEqual([]);
  expect(query("SELECT id FROM email_outbox WHERE recipient = ?", replayed)).toEqual([]);
  const refused = query<{ actor_name: string; actor_role: string; after: string }>(
    "SELECT actor_name, actor_role, after FROM activity_log WHERE action = 'access.refused' ORDER BY id",
  );
  // The action's refusal; the page the request was posted to refuses (and records) as well.
  const fresh = refused.slice(refusedBefore);
  expect(fresh.every((r) => r.actor_role === "staff")).toBe(true);
  expect(fresh.map((r) => JSON.parse(r.after))).toContainEqual({
    action: "account.invited",
    needs: "owner",
  });

  // The same request from the owner's own session does invite: the replay was refused for its role.
  const again = await page.request.post(`${app.base}/admin/accounts`, {
    headers: {
      "next-action": actionId,
      "content-type": request.headers()["content-type"]!,
      origin: app.base,
      accept: "text/x-component",
    },
    data: Buffer.from(body.replaceAll(ownerSent, replayed), "utf8"),
  });
  expect(again.status()).toBe(200);
  expect(query("SELECT role FROM account_tokens WHERE email = ?", replayed)).toEqual([
    { role: "owner" },
  ]);
  await staff.context().close();
});

test("the Accounts page with the keyboard alone: invite, revoke, open a removal; axe on a phone", async ({
  page,
}) => {
  await signInOwner(page);
  await openAccounts(page);
  const form = page.getByTestId("invite-form");
  const email = newStaffEmail("keyboard");
  await tabTo(page, form.getByLabel("Email", { exact: true }));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Role", { exact: true })).toBeFocused();
  await tabTo(page, form.getByRole("button", { name: "Send invitation" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("invite-sent")).toContainText(email);

  const row = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
  await tabTo(page, row.getByRole("button", { name: "Revoke" }));
  await page.keyboard.press("Enter");
  await expect(row).toHaveAttribute("data-state", "revoked");

  const staffRow = page.locator(`[data-testid="account-row"][data-email="${STAFF.email}"]`);
  await tabTo(page, staffRow.getByText("Remove…"));
  await page.keyboard.press("Enter");
  await expect(staffRow.getByText("Remove Budi Packer?")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(staffRow.getByRole("button", { name: "Remove account" })).toBeFocused();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousViolations(page, "accounts on a phone");
});
