// The one JSON body every receiver takes: Slack's incoming webhooks read `text`, Discord's
// `content` (it ignores fields it does not know), and a generic receiver reads the structured
// fields. Pure, so its shape is tested without a network.
import type { AlertKind } from "@/lib/db/schema";

export interface AlertForBody {
  id: number;
  kind: AlertKind;
  summary: string;
  details: Record<string, string | number | null>;
  coalesced: number;
  createdAt: Date;
}

export interface WebhookBody {
  /** Slack: `&`, `<` and `>` escaped, so no text of ours can become a link or an @channel. */
  text: string;
  /** Discord: at most 2,000 characters; `allowed_mentions` below keeps it from pinging anyone. */
  content: string;
  allowed_mentions: { parse: never[] };
  kind: AlertKind;
  summary: string;
  details: Record<string, string | number | null>;
  /** Alerts of this kind recorded but not sent since the previous one sent. */
  more: number;
  shop: string;
  /** The back office's alerts page. */
  link: string;
  at: string;
  id: number;
}

const DISCORD_MAX = 2000;
const slackEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function alertBody(alert: AlertForBody, shopBaseUrl: string): WebhookBody {
  const link = `${shopBaseUrl}/admin/alerts`;
  const more = alert.coalesced > 0 ? ` (+${alert.coalesced} more of this kind not sent)` : "";
  const host = new URL(shopBaseUrl).host;
  const lines = [
    `[${host}] ${alert.summary}${more}`,
    ...Object.entries(alert.details)
      .filter(([, v]) => v !== null && v !== "")
      .map(([k, v]) => `• ${k}: ${v}`),
    `Runbook: docs/operations.md#${alert.kind.replace(/_/g, "-")} · ${link}`,
  ];
  const plain = lines.join("\n");
  return {
    text: slackEscape(plain),
    content: plain.length > DISCORD_MAX ? `${plain.slice(0, DISCORD_MAX - 1)}…` : plain,
    allowed_mentions: { parse: [] },
    kind: alert.kind,
    summary: alert.summary,
    details: alert.details,
    more: alert.coalesced,
    shop: shopBaseUrl,
    link,
    at: alert.createdAt.toISOString(),
    id: alert.id,
  };
}
