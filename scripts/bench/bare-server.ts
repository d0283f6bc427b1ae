// The work's own ceiling for `npm run bench`: a bare node:http server doing exactly what
// app/api/doku/notifications/route.ts does — read the raw body (with the same size limit) and hand
// it to the same answerNotification (same lib code, same SQLite pragmas via lib/db, the same log
// line and JSON answer) — without the framework. Started by scripts/bench/setup.ts with
// `node --conditions=react-server --import tsx`, configured through the app's env variables.
import { createServer } from "node:http";
import { answerNotification, MAX_NOTIFICATION_BYTES } from "@/lib/orders/notifications";

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
    void answerNotification(tooLarge ? null : Buffer.concat(chunks), req.headers, { url: notificationPath }).then((answer) => {
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    });
  });
});

server.keepAliveTimeout = 10_000;
server.listen(port, "127.0.0.1");
process.on("SIGINT", () => process.exit(0));
