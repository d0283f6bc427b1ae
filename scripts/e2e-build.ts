// Builds the app for the Playwright run with the e2e configuration in the environment, secrets
// included, so that the secret-leak test proves they stay out of what the build ships. Then the
// production image's scripts (scripts/bundle-scripts.ts), which e2e/deploy.spec.ts runs.
import { spawnSync } from "node:child_process";
import { E2E } from "../e2e/support/env";

for (const args of [
  ["node_modules/next/dist/bin/next", "build"],
  ["node_modules/tsx/dist/cli.mjs", "scripts/bundle-scripts.ts"],
]) {
  const result = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, ...E2E.env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
