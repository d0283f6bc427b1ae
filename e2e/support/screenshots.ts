// Where the walk-through tests save their screenshots: a test-output folder, so `npm test` never
// rewrites tracked files. `npm run screenshots` points it at docs/screenshots to refresh the
// README's pictures on purpose.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR || "test-results/screenshots";
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
