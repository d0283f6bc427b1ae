// `npm run sandbox` must work on a fresh clone: .env (the developer's) wins over .env.example
// (the committed defaults), and both lose to variables already set in the shell.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

export function loadEnvFiles(
  cwd: string,
  env: Record<string, string | undefined>,
  files: readonly string[] = [".env", ".env.example"],
): string[] {
  const loaded: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(cwd, file), "utf8");
    } catch {
      continue; // Either file may be absent.
    }
    for (const [key, value] of Object.entries(parseEnv(text))) {
      if (env[key] === undefined && value !== undefined) env[key] = value;
    }
    loaded.push(file);
  }
  return loaded;
}
