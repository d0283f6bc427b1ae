// Runs once in the Node server before the first request (instrumentation.ts). Refuses to serve
// a checkout with missing configuration, or in production with a secret anyone can read, a weak
// session secret, plain http or a default admin password; then starts the reconciler, the
// email sender and the alert loop.
import { shownDatabaseUrl } from "./db/dialect";
import { parseEnv } from "./env";
import { productionProblems } from "./production-checks";

function stop(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

const result = parseEnv(process.env);
if (!result.ok) stop(result.message);
const production = result.env.NODE_ENV === "production";

const { adminsWithDefaultPassword } = await import("./auth/default-password");
let defaults: string[];
try {
  defaults = await adminsWithDefaultPassword();
} catch (error) {
  stop(
    `Cannot read the database at ${shownDatabaseUrl(result.env.DATABASE_URL)} (${(error as Error).message}). Run npm run db:migrate.`,
  );
}
if (production) {
  const problems = productionProblems(result.env);
  if (defaults.length > 0) {
    problems.push(
      `${defaults.join(", ")} still use(s) the default admin password from .env.example. Set ADMIN_PASSWORD in .env to a strong password and run npm run db:seed`,
    );
  }
  if (problems.length > 0)
    stop(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

const { startReconciler } = await import("./payments/reconcile-schedule");
startReconciler(result.env.RECONCILE_INTERVAL_MS);

const { startMailer } = await import("./mail/mailer");
startMailer(result.env.MAIL_INTERVAL_MS);

const { startAlerts } = await import("./alerts/loop");
startAlerts(result.env.ALERT_INTERVAL_MS);
