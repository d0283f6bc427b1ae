// Loads .env (and, for variables it lacks, nothing else): scripts see what `next start` sees.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

export function loadDotEnv(files: string[] = [".env"]): void {
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
      if (process.env[key] === undefined) process.env[key] = value;
    }
  }
}

/** .env loaded and the app's configuration parsed, as `next start` would; or its problems and `exit(code)`. */
export async function appEnvOrExit(code: number) {
  loadDotEnv();
  const { parseEnv } = await import("../lib/env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(code);
  }
  return parsed.env;
}
