// Builds the app for the Playwright run with the e2e configuration in the environment, secrets
// included, so that the secret-leak test proves they stay out of what the build ships.
import { spawnSync } from "node:child_process";
import { E2E } from "../e2e/support/env";

const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
  stdio: "inherit",
  env: { ...process.env, ...E2E.env },
});
process.exit(result.status ?? 1);
