// The work's own ceiling for `npm run bench`: a bare node:http server doing exactly what
// app/api/doku/notifications/route.ts does — read the raw body (with the same size limit), call
// the same handleNotification (same lib code, same SQLite pragmas via lib/db), write the same log
// line, answer the same JSON — without the framework. Started by scripts/bench/setup.ts with
// `node --conditions=react-server --import tsx`, configured through the app's env variables.
import { createServer } from "node:http";
import { receiveNotification, MAX_NOTIFICATION_BYTES } from "@/lib/orders/notifications";
import { logError, logLine } from "@/lib/log";

const port = Number(process.env.BARE_PORT);
const notificationPath = process.env.DOKU_NOTIFICATION_PATH ?? "/api/doku/notifications";

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200).end("ok");
    return;
  }
  if (req.method !== "POST" || req.url !== notificationPath) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = Number(req.headers["content-length"] ?? 0) > MAX_NOTIFICATION_BYTES;
  req.on("data", (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > MAX_NOTIFICATION_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooLarge) {
      send(413, { ok: false, outcome: "rejected:too_large" });
      return;
    }
    receiveNotification(Buffer.concat(chunks), req.headers, { url: notificationPath }).then(
      (answer) => {
        logLine(answer.log);
        send(answer.status, answer.body);
      },
      (error: unknown) => {
        logError({ event: "doku.notification", status: 500, outcome: "error:not_recorded", message: String(error) });
        send(500, { ok: false, outcome: "error:not_recorded" });
      },
    );
  });

  function send(status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  }
});

server.keepAliveTimeout = 10_000;
server.listen(port, "127.0.0.1");
process.on("SIGINT", () => process.exit(0));
