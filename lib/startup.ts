// Runs once in the Node server before the first request (instrumentation.ts). Refuses to serve
// a checkout with missing configuration or a default admin password, then starts the reconciler.
import { parseEnv } from "./env";

function stop(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

const result = parseEnv(process.env);
if (!result.ok) stop(result.message);

const { adminsWithDefaultPassword } = await import("./auth/default-password");
let defaults: string[];
try {
  defaults = await adminsWithDefaultPassword();
} catch (error) {
  stop(`Cannot read the database at ${result.env.DATABASE_URL} (${(error as Error).message}). Run npm run db:migrate.`);
}
if (defaults.length > 0 && result.env.NODE_ENV === "production") {
  stop(
    `Refusing to start in production: ${defaults.join(", ")} still use(s) the default admin password from .env.example.\n` +
      `Set ADMIN_PASSWORD in .env to a strong password and run npm run db:seed.`,
  );
}

const { startReconciler } = await import("./orders/reconcile-schedule");
startReconciler(result.env.RECONCILE_INTERVAL_MS);
