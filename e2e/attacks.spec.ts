// The doors an attacker can reach without DOKU's secret, tried through HTTP against the production
// build the way an attacker would: Auth.js's own callback route, a restart between guesses, forged
// session cookies, a storm on the return URL, a flood of unsigned notifications, made-up checkout
// keys and a cart that places order after order.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv as parseDotEnv } from "node:util";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { dokuTimestamp } from "@/lib/doku/signature";
import { ageAttempt, db, lastEventId, unverifiedEventsAfter } from "./support/db";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";
import { answers, SECOND_BASE, startApp, startOwnApp } from "./support/second-app";
import { addToCart, checkoutToKredivo, fillCheckout } from "./support/shop";
import {
  mintSession,
  newStaffEmail,
  removeStaff,
  seedStaff,
  SESSION_COOKIE,
  staffRow,
} from "./support/staff";

const COFFEE = "Java Preanger Arabica Beans 250 g";
const example = parseDotEnv(readFileSync(".env.example", "utf8"));

test.beforeEach(async () => {
  await sandbox.reset();
});

interface Guess {
  /** Auth.js's `code` on a refusal (`credentials`, `throttled_<seconds>`), null when signed in. */
  code: string | null;
  location: string;
  signedIn: boolean;
}

/** One password guess straight at Auth.js's callback route, with a CSRF token as its form has. */
async function callbackGuess(
  request: APIRequestContext,
  base: string,
  email: string,
  password: string,
): Promise<Guess> {
  const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  const response = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken, callbackUrl: `${base}/admin` },
    maxRedirects: 0,
  });
  expect(response.status(), "the callback route answers with a redirect").toBe(302);
  const location = response.headers().location ?? "";
  const signedIn = response
    .headersArray()
    .some(
      (h) =>
        h.name.toLowerCase() === "set-cookie" &&
        h.value.startsWith(`${SESSION_COOKIE}=`) &&
        !h.value.startsWith(`${SESSION_COOKIE}=;`),
    );
  return { code: new URL(location, E2E.appUrl).searchParams.get("code"), location, signedIn };
}

test("Auth.js's own callback route is limited like the sign-in page: twelve wrong guesses, then even the right password waits @faults", async ({
  page,
  request,
}) => {
  const email = newStaffEmail("callback");
  const password = "callback-right-password-0001";
  seedStaff(email, password);

  const guesses: Guess[] = [];
  for (let i = 0; i < 12; i++) guesses.push(await callbackGuess(request, "", email, `wrong-${i}`));
  expect(guesses.slice(0, 5).map((g) => g.code)).toEqual(Array(5).fill("credentials"));
  expect(
    guesses.slice(5).filter((g) => g.code?.startsWith("throttled_")).length,
  ).toBeGreaterThanOrEqual(5);
  expect(guesses.some((g) => g.signedIn)).toBe(false);

  const right = await callbackGuess(request, "", email, password);
  expect(right.code).toMatch(/^throttled_\d+$/);
  expect(right.signedIn).toBe(false);
  // The page that door redirects to says how long to wait, as the sign-in form does.
  await page.goto(right.location);
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    /^Too many failed attempts\. Try again in \d+ seconds?\.$/,
  );

  // Once the wait is over, the right password signs in.
  await expect
    .poll(async () => (await callbackGuess(request, "", email, password)).signedIn, {
      timeout: 40_000,
      intervals: [1_000],
    })
    .toBe(true);
});

test("a restart between guesses forgets nothing: the count is in the database @faults", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  expect(await answers(`${SECOND_BASE}/`), "the second app's port must be free").toBeNull();
  const dir = mkdtempSync(join(tmpdir(), "tn-restart-guesses-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E.env,
    DATABASE_URL: join(dir, "shop.db"),
    APP_BASE_URL: SECOND_BASE,
    RECONCILE_INTERVAL_MS: "0",
  };
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], {
    env,
    stdio: "pipe",
  });
  const request = await playwright.request.newContext();
  let app = startApp(env);
  try {
    await expect.poll(() => answers(`${SECOND_BASE}/`), { timeout: 60_000 }).toBe(200);
    // Eight checked guesses: five free, then waits of 1, 2 and 4 s; the next must wait 8 s.
    let checked = 0;
    for (let i = 0; checked < 8 && i < 40; i++) {
      const guess = await callbackGuess(request, SECOND_BASE, E2E.env.ADMIN_EMAIL, `wrong-${i}`);
      if (guess.code === "credentials") checked++;
      else
        await new Promise((r) =>
          setTimeout(r, Number(/^throttled_(\d+)$/.exec(guess.code ?? "")?.[1] ?? 1) * 1000),
        );
    }
    expect(checked).toBe(8);

    await app.stop();
    app = startApp(env);
    await expect.poll(() => answers(`${SECOND_BASE}/`), { timeout: 60_000 }).toBe(200);

    const right = await callbackGuess(
      request,
      SECOND_BASE,
      E2E.env.ADMIN_EMAIL,
      E2E.env.ADMIN_PASSWORD,
    );
    expect(right.code, "the restarted app still holds the account back").toMatch(/^throttled_\d+$/);
    expect(right.signedIn).toBe(false);
  } finally {
    await app.stop();
    await request.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Sets the session cookie by hand and says whether the back office lets it in. */
async function backOfficeAccepts(page: Page, value: string): Promise<boolean> {
  await page.context().clearCookies({ name: SESSION_COOKIE });
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value, url: E2E.appUrl, httpOnly: true, sameSite: "Lax" },
    ]);
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  } | null;
  await page.context().clearCookies({ name: SESSION_COOKIE });
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value, url: E2E.appUrl, httpOnly: true, sameSite: "Lax" },
    ]);
  await page.goto("/admin");
  const inside = await page.getByRole("heading", { level: 1, name: "Orders" }).isVisible();
  expect(inside, "the page and /api/auth/session agree").toBe(Boolean(session?.user?.email));
  if (!inside) await expect(page).toHaveURL(/\/admin\/sign-in/);
  return inside;
}

test("session cookies: one minted with the example's AUTH_SECRET, too old, or of an old password is refused @faults", async ({
  page,
}) => {
  const admin = staffRow(E2E.env.ADMIN_EMAIL)!;
  const claims = {
    sub: String(admin.id),
    email: E2E.env.ADMIN_EMAIL,
    signedInAt: Date.now() - 60_000,
    sessionVersion: admin.session_version,
  };
  // The control: minted with the app's own secret, the same claims get in, so the mint is right.
  expect(await backOfficeAccepts(page, await mintSession(E2E.env.AUTH_SECRET, claims))).toBe(true);
  expect(
    await backOfficeAccepts(page, await mintSession(example.AUTH_SECRET!, claims)),
    "the example's secret",
  ).toBe(false);
  const nineHoursAgo = Date.now() - 9 * 60 * 60 * 1000;
  expect(
    await backOfficeAccepts(
      page,
      await mintSession(E2E.env.AUTH_SECRET, { ...claims, signedInAt: nineHoursAgo }),
    ),
    "signed in 9 h ago",
  ).toBe(false);
  expect(
    await backOfficeAccepts(
      page,
      await mintSession(E2E.env.AUTH_SECRET, {
        ...claims,
        sessionVersion: admin.session_version + 1,
      }),
    ),
    "another password's session",
  ).toBe(false);
  expect(
    await backOfficeAccepts(
      page,
      await mintSession(E2E.env.AUTH_SECRET, {
        ...claims,
        signedInAt: undefined as unknown as number,
      }),
    ),
    "no sign-in time",
  ).toBe(false);
});

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
}

async function sessionClaims(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "a session cookie").toBeDefined();
  return (await decode({
    token: cookie!.value,
    secret: E2E.env.AUTH_SECRET,
    salt: SESSION_COOKIE,
  }))!;
}

test("a session is not renewed by use, and ends at the next request when the password changes or the user is removed @faults", async ({
  page,
}) => {
  const email = newStaffEmail("session");
  seedStaff(email, "session-password-0001");
  await signInAs(page, email, "session-password-0001");
  const signedInAt = (await sessionClaims(page)).signedInAt;
  expect(typeof signedInAt).toBe("number");
  for (let i = 0; i < 3; i++)
    expect((await page.request.get("/api/auth/session")).status()).toBe(200);
  await page.goto("/admin");
  expect((await sessionClaims(page)).signedInAt, "use does not move the sign-in time").toBe(
    signedInAt,
  );

  seedStaff(email, "session-password-0002");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();

  await signInAs(page, email, "session-password-0002");
  removeStaff(email);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});

test("60 parallel returns for one pending order make one Check Status call @faults", async ({
  page,
}) => {
  // An app of its own with no reconciler: the returns are the only ones who could ask DOKU.
  const app = await startOwnApp({ RECONCILE_INTERVAL_MS: "0" });
  try {
    await addToCart(page, COFFEE, 1, app.base);
    await checkoutToKredivo(page, app.base);
    const attempt = app.db.latestAttempt();
    const token = app.db.tokenOfAttempt(attempt.id);
    // Old enough that the return asks DOKU at all (RECONCILE_MIN_AGE_MS; DOKU wants 60 s).
    ageAttempt(attempt.id, Number(E2E.env.RECONCILE_MIN_AGE_MS) + 1_000, app.databaseUrl);
    const responses = await Promise.all(
      Array.from({ length: 60 }, () =>
        page.request.get(`${app.base}/orders/${token}/return`, { maxRedirects: 0 }),
      ),
    );
    expect(responses.map((r) => r.status())).toEqual(Array(60).fill(303));
    // The answer is recorded when it comes, even after a return stopped waiting for it.
    const checks = () =>
      app.db.events(app.db.order(token)!.id).filter((e) => e.kind === "check_status");
    await expect.poll(() => checks().length).toBeGreaterThanOrEqual(1);
    const seen = await sandbox.order(attempt.invoice_number);
    const recorded = checks();
    console.log(
      `return-URL storm: 60 requests → ${seen.checkStatusCalls} Check Status call(s) at DOKU, ${recorded.length} recorded`,
    );
    expect(seen.checkStatusCalls).toBe(1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ http_status: 200, outcome: "no_change:pending" });
  } finally {
    await app.close();
  }
});

test("50 unsigned 60 kB notifications store a bounded record each @faults", async ({ request }) => {
  const before = lastEventId();
  const body = JSON.stringify({ junk: "x".repeat(60_000 - 11) });
  expect(body.length).toBe(60_000);
  const statuses = await Promise.all(
    Array.from({ length: 50 }, async () =>
      (
        await request.post("/api/doku/notifications", {
          headers: {
            "content-type": "application/json",
            "Client-Id": E2E.env.DOKU_CLIENT_ID,
            "Request-Id": randomUUID(),
            "Request-Timestamp": dokuTimestamp(),
            Signature: `HMACSHA256=${randomBytes(32).toString("base64")}`,
          },
          data: body,
        })
      ).status(),
    ),
  );
  expect(statuses).toEqual(Array(50).fill(401));
  const rows = unverifiedEventsAfter(before);
  expect(rows).toHaveLength(50);
  const total = rows.reduce((sum, r) => sum + r.stored, 0);
  console.log(
    `junk flood: 50 × 60,000 bytes sent, ${total} bytes stored (${Math.round(total / 50)} per request)`,
  );
  for (const row of rows) {
    expect(row.request_body_bytes).toBe(60_000);
    expect(row.stored).toBeLessThan(1_500);
  }
});

test("a checkout key the client made up places no order @faults", async ({ page }) => {
  await addToCart(page, COFFEE, 1);
  await page.goto("/checkout");
  await fillCheckout(page);
  const orders = db.orderCount();
  // The server action's arguments travel as text: swap the issued key for any UUID, as a script would.
  await page.route("**/checkout", async (route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || !body) return route.continue();
    await route.continue({
      postData: body.replace(/[0-9a-f-]{36}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/, randomUUID()),
    });
  });
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(
    page.getByText("This checkout form has expired. Reload the page and try again."),
  ).toBeVisible();
  expect(db.orderCount()).toBe(orders);
});

test("one cart may start five payments an hour; the sixth is refused with a clear message @faults", async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 5; i++) {
    await addToCart(page, COFFEE, 1);
    await checkoutToKredivo(page);
  }
  const orders = db.orderCount();
  await addToCart(page, COFFEE, 1);
  await page.goto("/checkout");
  await fillCheckout(page);
  await page.getByRole("button", { name: "Pay with Kredivo" }).click();
  await expect(
    page.getByText(
      /^You have started several payments in a short time\. Please wait \d+ minutes and try again/,
    ),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);
  expect(db.orderCount()).toBe(orders);
});
