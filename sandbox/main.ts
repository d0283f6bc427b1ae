// `npm run sandbox`: the local DOKU + Kredivo stand-in on its own port.
import { configFromEnv, SandboxConfigError } from "./config";
import { loadEnvFiles } from "./env-files";
import { startSandbox } from "./server";

async function main(): Promise<void> {
  loadEnvFiles(process.cwd(), process.env);
  const config = configFromEnv(process.env);
  const sandbox = await startSandbox({ ...config, log: (line) => console.log(line) });
  console.log(`DOKU sandbox listening on ${sandbox.url}`);
  console.log(`Control page: ${sandbox.url}/_sandbox`);
  console.log(
    `Mailbox: ${sandbox.url}/_sandbox/mailbox (SMTP ${sandbox.smtpUrl}; set the app's SMTP_URL to it)`,
  );
  console.log(`Notifications go to ${config.notificationUrl} (time scale ${config.timeScale})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping DOKU sandbox`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof SandboxConfigError ? error.message : error);
  process.exit(1);
});
