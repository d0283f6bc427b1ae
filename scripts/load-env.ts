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
