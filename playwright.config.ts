import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/env";

// Debian's chromium where there is one (CI, these machines); Playwright's own elsewhere.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const englishCookie = {
  name: "NEXT_LOCALE",
  value: "en",
  domain: "localhost",
  path: "/",
  expires: -1,
  httpOnly: false,
  secure: false,
  sameSite: "Lax" as const,
};

const serverEnv = { ...process.env, ...E2E.env } as Record<string, string>;

export default defineConfig({
  testDir: "./e2e",
  tsconfig: "./e2e/tsconfig.json",
  fullyParallel: false,
  workers: 1,
  // A stray test.only would silently skip every other test, locally too.
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: E2E.appUrl,
    // The specs read the shop in English (the language a shopper picks in the header); the
    // Indonesian specs (the default language) start without this cookie: e2e/languages.spec.ts.
    storageState: { cookies: [englishCookie], origins: [] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs sandbox/main.ts",
      url: `${E2E.sandboxUrl}/_sandbox/health`,
      // The app under test is a production build; the sandbox refuses to run as production.
      env: { ...serverEnv, NODE_ENV: "test" },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
    },
    {
      // Bound to 127.0.0.1, as behind a reverse proxy on the same machine: Next then names itself by
      // that address, not "localhost" (e2e/behind-proxy.spec.ts). The browser still uses localhost.
      command: `rm -f ${E2E.env.DATABASE_URL}* && node node_modules/tsx/dist/cli.mjs scripts/db-seed.ts && node node_modules/next/dist/bin/next start -H ${E2E.appHost} -p ${E2E.appPort}`,
      url: `${E2E.appUrl}/`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
    },
  ],
});
