// `npm run demo`: a working shop in one command. Migrates and seeds, builds, then runs the
// local DOKU sandbox and `next start` side by side until Ctrl-C stops both.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadDotEnv } from "./load-env";

process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!existsSync(".env")) {
  // The example's sandbox values, but never its published secrets: `next start` refuses them, and
  // a demo that runs is a demo someone may expose. Plain http is allowed for this local trial.
  const env = readFileSync(".env.example", "utf8")
    .replace(/^AUTH_SECRET=.*$/m, `AUTH_SECRET=${randomBytes(32).toString("base64url")}`)
    .replace(
      /^DOKU_SECRET_KEY=.*$/m,
      `DOKU_SECRET_KEY=SK-SANDBOX-LOCAL-${randomBytes(16).toString("hex")}`,
    )
    .replace(/^ALLOW_HTTP_APP_BASE_URL=.*$/m, "ALLOW_HTTP_APP_BASE_URL=true")
    .replace(/^ADMIN_PASSWORD=.*$/m, `ADMIN_PASSWORD=${randomBytes(12).toString("base64url")}`);
  writeFileSync(".env", env, { mode: 0o600 });
  console.log(
    "› created .env from .env.example (fresh sandbox secret, session secret and admin password)",
  );
}
loadDotEnv();
// The shop's emails go to the sandbox's mailbox unless .env names another SMTP server.
const sandboxSmtpUrl = `smtp://127.0.0.1:${process.env.SANDBOX_SMTP_PORT || "4025"}`;
process.env.SMTP_URL ||= sandboxSmtpUrl;
// The shop's alerts go to the sandbox's webhook receiver unless .env names a Slack or Discord hook.
const sandboxUrl = `http://127.0.0.1:${process.env.SANDBOX_PORT || "4010"}`;
process.env.ALERT_WEBHOOK_URL ||= `${sandboxUrl}/webhooks/alerts`;
// A Slack or Discord webhook's path is its secret: only the sandbox's is printed whole.
const alertTarget = process.env.ALERT_WEBHOOK_URL.startsWith(sandboxUrl)
  ? process.env.ALERT_WEBHOOK_URL
  : `${new URL(process.env.ALERT_WEBHOOK_URL).origin}/…`;

function run(title: string, command: string, args: string[]): void {
  console.log(`› ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

const tsx = ["node_modules/tsx/dist/cli.mjs"];
run("migrating and seeding the database", process.execPath, [...tsx, "scripts/db-seed.ts"]);
run("building the app (next build)", process.execPath, [
  "node_modules/next/dist/bin/next",
  "build",
]);

const appUrl = process.env.APP_BASE_URL ?? "http://localhost:3000";
const port = new URL(appUrl).port || "3000";
const children: ChildProcess[] = [
  spawn(process.execPath, [...tsx, "sandbox/main.ts"], { stdio: "inherit", env: process.env }),
  spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
    stdio: "inherit",
    env: process.env,
  }),
];

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  ).then(() => process.exit(code));
}
for (const child of children) {
  child.once("exit", (code) => {
    if (!stopping) {
      console.error(`✗ a demo process exited (code ${code}); stopping the other`);
      stop(code ?? 1);
    }
  });
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

setTimeout(() => {
  if (stopping) return;
  console.log(`
  ┌──────────────────────────────────────────────────────────────
  │ Shop:          ${appUrl}
  │ Back office:   ${appUrl}/admin
  │                sign in as ${process.env.ADMIN_EMAIL} / ${process.env.ADMIN_PASSWORD}
  │ DOKU sandbox:  ${sandboxUrl}/_sandbox
  │ Mailbox:       ${sandboxUrl}/_sandbox/mailbox
  │                (the shop's emails, sent to ${process.env.SMTP_URL})
  │ Alerts:        ${sandboxUrl}/_sandbox/webhooks
  │                (posted to ${alertTarget}; listed at ${appUrl}/admin/alerts)
  │ Ctrl-C stops both.
  └──────────────────────────────────────────────────────────────
`);
}, 1500);
