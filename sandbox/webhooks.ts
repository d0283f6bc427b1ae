// The sandbox's webhook receiver: stands in for the Slack or Discord channel the shop's alerts go
// to (ALERT_WEBHOOK_URL). It accepts a POST only when both would: Slack needs `text`, Discord
// `content` of at most 2,000 characters, so a body this page keeps is one both services take. Kept
// in memory, newest first; it forwards nothing.
import { z } from "zod";

/** Oldest posts are dropped beyond this. */
export const WEBHOOK_CAP = 200;
export const MAX_WEBHOOK_BYTES = 64 * 1024;
const MAX_REFUSALS = 1000;

const field = z.union([z.string().max(2000), z.number(), z.null()]);

/** What the shop's alert body must hold; further fields are kept as sent. */
export const webhookBodySchema = z.looseObject({
  text: z.string({ error: "is required (Slack reads text)" }).trim().min(1).max(40_000),
  content: z
    .string({ error: "is required (Discord reads content)" })
    .trim()
    .min(1)
    .max(2000, "must be at most 2000 characters (Discord refuses longer content)"),
  kind: z.string().max(100).optional(),
  summary: z.string().max(2000).optional(),
  details: z.record(z.string().max(100), field).optional(),
  shop: z.string().max(500).optional(),
  at: z.string().max(100).optional(),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

export const webhookRefusalSchema = z.object({
  count: z
    .number({ error: `must be a whole number of posts from 0 to ${MAX_REFUSALS}` })
    .int()
    .min(0)
    .max(MAX_REFUSALS),
});

export interface WebhookPost {
  id: number;
  /** The last segment of the path: /webhooks/alerts → `alerts`. */
  channel: string;
  receivedAt: string;
  body: WebhookBody;
}

export class WebhookInbox {
  private posts: WebhookPost[] = [];
  private nextId = 1;
  /** How many of the next posts are answered 500, to watch the shop's retries. */
  refusalsLeft = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** false: this post is refused (a refusal was asked for), nothing kept. */
  receive(channel: string, body: WebhookBody): WebhookPost | false {
    if (this.refusalsLeft > 0) {
      this.refusalsLeft--;
      return false;
    }
    const post = { id: this.nextId++, channel, receivedAt: this.now().toISOString(), body };
    this.posts.unshift(post);
    this.posts.length = Math.min(this.posts.length, WEBHOOK_CAP);
    return post;
  }

  list(): WebhookPost[] {
    return [...this.posts];
  }

  get count(): number {
    return this.posts.length;
  }

  reset(): void {
    this.posts = [];
    this.refusalsLeft = 0;
  }
}
