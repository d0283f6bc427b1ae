// Runs once when the server starts: refuse to serve a checkout with missing credentials.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("./lib/env");
  const result = parseEnv(process.env);
  if (!result.ok) {
    console.error(`\n${result.message}\n`);
    process.exit(1);
  }
}
