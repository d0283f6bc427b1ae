// The configured DOKU client and notification settings for this process, from lib/env.
import "server-only";
import { env } from "@/lib/env";
import { createDokuClient, type DokuClient } from "./client";
import type { NotificationConfig } from "./notification";

let client: DokuClient | undefined;

export function doku(): DokuClient {
  const e = env();
  client ??= createDokuClient({
    baseUrl: e.DOKU_BASE_URL,
    clientId: e.DOKU_CLIENT_ID,
    secretKey: e.DOKU_SECRET_KEY,
    timeoutMs: e.DOKU_TIMEOUT_MS,
    responseSignature: e.DOKU_RESPONSE_SIGNATURE,
  });
  return client;
}

export function notificationConfig(): NotificationConfig {
  const e = env();
  return { clientId: e.DOKU_CLIENT_ID, secretKey: e.DOKU_SECRET_KEY, notificationPath: e.DOKU_NOTIFICATION_PATH };
}
