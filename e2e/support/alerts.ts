// The alerts a spec raised: the rows in the e2e database and what the sandbox's webhook receiver
// got (ALERT_WEBHOOK_URL points at it, e2e/support/env.ts).
import Database from "better-sqlite3";
import { E2E } from "./env";

export interface AlertRow {
  id: number;
  kind: string;
  state: string;
  summary: string;
  details: string;
  tries: number;
}

export function alertRows(): AlertRow[] {
  const conn = new Database(E2E.env.DATABASE_URL, { readonly: true, fileMustExist: true });
  try {
    return conn
      .prepare("SELECT id, kind, state, summary, details, tries FROM alerts ORDER BY id")
      .all() as AlertRow[];
  } finally {
    conn.close();
  }
}

/**
 * Ends the 15-minute window of `kind`, as if the last one sent were older: another spec of the run
 * may have sent one of its kind, and this spec's alert must be the one sent, not suppressed.
 */
export function endAlertWindow(kind: string): void {
  const conn = new Database(E2E.env.DATABASE_URL);
  try {
    conn.prepare("DELETE FROM rate_limits WHERE key = ?").run(`alert:window:${kind}`);
  } finally {
    conn.close();
  }
}

export interface WebhookPost {
  id: number;
  channel: string;
  receivedAt: string;
  body: {
    text: string;
    content: string;
    kind: string;
    summary: string;
    details: Record<string, string | number | null>;
    shop: string;
    at: string;
  };
}

export async function webhookPosts(): Promise<WebhookPost[]> {
  const res = await fetch(`${E2E.sandboxUrl}/_sandbox/webhooks/received`);
  return ((await res.json()) as { received: WebhookPost[] }).received;
}
