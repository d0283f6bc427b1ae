// Refuse to serve a checkout with missing or malformed configuration: one readable list of every
// problem, then exit, before the first request.
import { parseEnv } from "./env";

const result = parseEnv(process.env);
if (!result.ok) {
  console.error(`\n${result.message}\n`);
  process.exit(1);
}
