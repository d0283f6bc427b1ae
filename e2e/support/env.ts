// One place for the ports, credentials and paths the e2e servers and specs share. Separate
// ports from `npm run demo`, so a running demo never answers a test.
const appPort = 3100;
const sandboxPort = 4110;
const smtpPort = 4125;

export const E2E = {
  appPort,
  /** The address `next start` listens on; the browser and the specs still use localhost (cookies). */
  appHost: "127.0.0.1",
  sandboxPort,
  appUrl: `http://localhost:${appPort}`,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  smtpPort,
  env: {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DOKU_BASE_URL: `http://127.0.0.1:${sandboxPort}`,
    DOKU_CLIENT_ID: "MCH-SANDBOX-E2E-0001",
    DOKU_SECRET_KEY: "SK-SANDBOX-E2E-00000000000000000001",
    DOKU_NOTIFICATION_PATH: "/api/doku/notifications",
    DOKU_TIMEOUT_MS: "5000",
    APP_BASE_URL: `http://localhost:${appPort}`,
    // A production build on this machine, served over plain http.
    ALLOW_HTTP_APP_BASE_URL: "true",
    AUTH_SECRET: "3q9Zx1mW7kTfQ2bLrV8nYc4HdP6sJ0uEaG5oK1iNwXy=",
    AUTH_TRUST_HOST: "true",
    DATABASE_URL: ".data/e2e.db",
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_SMTP_PORT: String(smtpPort),
    // The shop's emails go to the sandbox's mailbox, and are retried quickly when it refuses.
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "Toko Nusantara <pesanan@toko-nusantara.example>",
    MAIL_INTERVAL_MS: "300",
    MAIL_RETRY_BASE_MS: "300",
    // The shop's alerts go to the sandbox's webhook receiver (/_sandbox/webhooks shows them),
    // checked and retried quickly so a spec sees them within a second or two.
    ALERT_WEBHOOK_URL: `http://127.0.0.1:${sandboxPort}/webhooks/alerts`,
    ALERT_INTERVAL_MS: "300",
    ALERT_RETRY_BASE_MS: "300",
    SANDBOX_NOTIFICATION_URL: `http://127.0.0.1:${appPort}/api/doku/notifications`,
    SANDBOX_TIME_SCALE: "3600",
    ADMIN_EMAIL: "admin@e2e.example",
    ADMIN_PASSWORD: "e2e-admin-password-0001",
    // Fast enough to watch in a test, old enough that it never touches a test's own fresh order.
    RECONCILE_INTERVAL_MS: "1000",
    // The specs order again and again as one shopper (e2e/support/shop.ts); the hoarding spec
    // runs an app of its own with the shop's real bound.
    MAX_OPEN_ORDERS_PER_SHOPPER: "1000",
    RECONCILE_MIN_AGE_MS: "12000",
  },
} as const;
