// The mailbox's SMTP side: a local sink on 127.0.0.1 that accepts any sender, any recipient and
// any credentials (so SMTP_URL smtp://user:pass@127.0.0.1:4025 works as well as without them),
// in plain text (no STARTTLS: nothing leaves the machine), and hands each message to the Mailbox.
import type { AddressInfo } from "node:net";
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from "smtp-server";
import { MAX_MESSAGE_BYTES, type Mailbox } from "./mailbox";

export interface SmtpListener {
  port: number;
  url: string;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string): SMTPServerError =>
  Object.assign(new Error(message), { responseCode });

function readAll(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      // Past the limit the rest is only drained: the server answers 552 (rejectOversized).
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once("end", () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

const userOf = (session: SMTPServerSession): string | null =>
  typeof session.user === "string" ? session.user : null;

export function createSmtpServer(mailbox: Mailbox, log: (line: string) => void): SMTPServer {
  const server = new SMTPServer({
    name: "doku-sandbox.localhost",
    banner: "DOKU sandbox mailbox: keeps everything, delivers nothing",
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    // close() must not wait the default 30 s for a pooled client that keeps its connection open.
    closeTimeout: 250,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onData(stream, session, callback) {
      const refusal = mailbox.takeRefusal();
      if (refusal) {
        log(`[mailbox] refused a message on purpose: ${refusal.code} ${refusal.message}`);
        // smtp-server drains the unread message before it answers.
        callback(smtpError(refusal.code, refusal.message));
        return;
      }
      const { mailFrom, rcptTo } = session.envelope;
      readAll(stream)
        .then(async (raw) => {
          if (raw === null) {
            log(`[mailbox] refused a message over ${MAX_MESSAGE_BYTES} bytes`);
            return callback(
              smtpError(552, `message exceeds the sandbox's limit of ${MAX_MESSAGE_BYTES} bytes`),
            );
          }
          const envelope = {
            from: mailFrom ? mailFrom.address || null : null,
            to: rcptTo.map((r) => r.address),
          };
          const message = await mailbox.deliver(raw, envelope, userOf(session));
          log(
            `[mailbox] #${message.id} to ${envelope.to.join(", ")}: ${JSON.stringify(message.subject)} (${message.size} bytes)`,
          );
          callback(null, `OK: kept as message ${message.id}`);
        })
        .catch((error: unknown) => {
          log(`[mailbox] could not keep a message: ${String(error)}`);
          callback(smtpError(451, "sandbox: could not parse the message, see its console"));
        });
    },
  });
  // Connection-level errors (a client hanging up mid-command) are emitted here: log, never crash.
  server.on("error", (error: Error) => log(`[mailbox] SMTP error: ${error.message}`));
  return server;
}

/** Listens on 127.0.0.1; `port: 0` picks a free port (read back from the socket). */
export async function listenSmtp(
  mailbox: Mailbox,
  port: number,
  log: (line: string) => void,
): Promise<SmtpListener> {
  const server = createSmtpServer(mailbox, log);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) =>
      reject(new Error(`the sandbox's SMTP listener could not use port ${port}: ${error.message}`));
    server.server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const actual = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
