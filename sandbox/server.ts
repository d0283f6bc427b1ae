// Assembles the sandbox: one Hono app per instance, plus Node listeners for real HTTP and for the
// mailbox's SMTP.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { registerCheckStatus } from "./check-status";
import { resolveConfig, type SandboxConfig, type SandboxOptions } from "./config";
import type { SandboxContext } from "./context";
import { registerControlApi } from "./control-api";
import { registerGenerateOrder } from "./generate-order";
import { registerKredivoPage } from "./kredivo-page";
import type { Mailbox } from "./mailbox";
import { registerMailbox } from "./mailbox-api";
import { Notifier } from "./notifications";
import { refuseCrossSitePosts } from "./same-origin";
import { Settlement } from "./settlement";
import { errorBody } from "./signed-response";
import { listenSmtp } from "./smtp";
import { SandboxState } from "./state";
import { registerWebhooks } from "./webhooks-api";

export type { SandboxConfig, SandboxOptions } from "./config";
export type { MailMessage, Mailbox } from "./mailbox";
export type { SandboxState } from "./state";

export interface Sandbox {
  app: Hono;
  state: SandboxState;
  config: SandboxConfig;
  /** The emails kept (`state.mailbox`); `mailbox.deliver(raw)` feeds one in without SMTP. */
  mailbox: Mailbox;
  /** Stops timers and in-flight deliveries; the HTTP listener (if any) is closed by its owner. */
  close(): void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  /** The mailbox's SMTP listener: point the app's SMTP_URL at `smtpUrl`. */
  smtpPort: number;
  smtpUrl: string;
  state: SandboxState;
  config: SandboxConfig;
  mailbox: Mailbox;
  /** Closes the HTTP and SMTP listeners. */
  close(): Promise<void>;
}

/** Builds the app without listening: `app.request()` in tests, or `startSandbox` for real HTTP. */
export function createSandbox(options: SandboxOptions | SandboxConfig): Sandbox {
  return build(options).sandbox;
}

function build(options: SandboxOptions | SandboxConfig) {
  const config = resolveConfig(options);
  const state = new SandboxState("now" in options && options.now ? options.now : undefined);
  const log = ("log" in options && options.log) || (() => undefined);
  const notifier = new Notifier({
    state,
    log,
    clientId: config.clientId,
    secretKey: config.secretKey,
    timeScale: config.timeScale,
  });
  let listeningUrl: string | undefined;
  let smtpUrl: string | undefined;
  const ctx: SandboxContext = {
    config,
    state,
    notifier,
    settlement: new Settlement(state, notifier),
    publicUrl: (requestUrl) => config.publicUrl ?? listeningUrl ?? new URL(requestUrl).origin,
    smtpUrl: () => smtpUrl,
    log,
  };

  const app = new Hono();
  registerGenerateOrder(app, ctx);
  registerCheckStatus(app, ctx);
  app.use("/kredivo/*", refuseCrossSitePosts);
  app.use("/_sandbox/*", refuseCrossSitePosts);
  registerKredivoPage(app, ctx);
  registerControlApi(app, ctx);
  registerMailbox(app, ctx);
  registerWebhooks(app, ctx);
  app.notFound((c) =>
    c.json(
      JSON.parse(
        errorBody("not_found", `no route ${c.req.method} ${c.req.path}`, "invalid_request"),
      ),
      404,
    ),
  );
  app.onError((error, c) => {
    console.error("[sandbox] unhandled error", error);
    return c.json(
      JSON.parse(errorBody("internal_error", "sandbox bug: see its console", "api_error")),
      500,
    );
  });

  const sandbox: Sandbox = {
    app,
    state,
    config,
    mailbox: state.mailbox,
    close: () => state.stopActivity(),
  };
  return {
    sandbox,
    log,
    setListeningUrl: (url: string) => {
      listeningUrl = url;
    },
    setSmtpUrl: (url: string) => {
      smtpUrl = url;
    },
  };
}

/** Listens on 127.0.0.1; `port: 0` / `smtpPort: 0` pick free ports (read back from the sockets). */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { sandbox, log, setListeningUrl, setSmtpUrl } = build(options);
  const smtp = await listenSmtp(sandbox.mailbox, sandbox.config.smtpPort, log);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: sandbox.app.fetch,
        port: sandbox.config.port,
        hostname: "127.0.0.1",
        // Tests run the sandbox inside the app's test process: leave its global Request alone.
        overrideGlobalObjects: false,
      },
      () => resolve(s),
    );
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await smtp.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  setListeningUrl(url);
  setSmtpUrl(smtp.url);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    smtpPort: smtp.port,
    smtpUrl: smtp.url,
    state: sandbox.state,
    config: { ...sandbox.config, port, smtpPort: smtp.port },
    mailbox: sandbox.mailbox,
    close: () => {
      closing ??= Promise.all([
        new Promise<void>((resolve) => {
          sandbox.close();
          server.close(() => resolve());
          // Keep-alive sockets (and responses held by a timeout fault) must not keep us open.
          if ("closeAllConnections" in server) server.closeAllConnections();
        }),
        smtp.close(),
      ]).then(() => undefined);
      return closing;
    },
  };
}
