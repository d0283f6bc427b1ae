import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside Next's server build; under Vitest every module is server-side.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/unit/**/*.test.ts", "sandbox/**/*.test.ts"],
          env: { DATABASE_URL: ".data/unused-by-tests.db" },
        },
      },
      {
        // The payment core's suite, readiness, the back office's accounts, one-time links and
        // activity log, and fulfilment again on a real PostgreSQL (tests/support/postgres-global.ts).
        extends: true,
        test: {
          name: "postgresql",
          include: [
            "tests/unit/payments/**/*.test.ts",
            "tests/unit/readiness.test.ts",
            "tests/unit/accounts.test.ts",
            "tests/unit/account-links.test.ts",
            "tests/unit/activity.test.ts",
            // The back office's search is written per dialect (a trigram index on each).
            "tests/unit/admin-orders.test.ts",
            "tests/unit/fulfilment/**/*.test.ts",
            "tests/unit/refunds.test.ts",
            "tests/unit/refunded-before-migration.test.ts",
            "tests/unit/order-notes.test.ts",
            "tests/unit/order-export.test.ts",
            "tests/unit/find-order.test.ts",
          ],
          // Only its kind matters here: each test file gets a database of its own (app-db.ts).
          env: { DATABASE_URL: "postgres://shop@127.0.0.1/chosen-per-test-file" },
          globalSetup: ["tests/support/postgres-global.ts"],
        },
      },
    ],
  },
});
