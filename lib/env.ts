// Configuration, parsed once and failing closed: a missing or malformed variable stops the
// process with one message that lists every problem, never a half-configured checkout.
import "server-only";
import { z } from "zod";
import { parseDatabaseUrl } from "@/lib/db/dialect";
import { defaultShopTimeZone, shopTimeZoneNames } from "@/lib/time-zone";

const nonEmpty = (what: string) =>
  z
    .string({ error: `is required (${what})` })
    .trim()
    .min(1, `is required (${what})`);
const httpUrl = (what: string) =>
  nonEmpty(what)
    .pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what})` }))
    .transform((u) => u.replace(/\/+$/, ""));

/** An optional setting: absent or blank is unset; anything else must pass `schema`. */
const optionalSetting = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(schema.optional());

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DOKU_BASE_URL: httpUrl("DOKU API base URL, e.g. https://api-sandbox.doku.com"),
  DOKU_CLIENT_ID: nonEmpty("Client ID from the DOKU Back Office"),
  DOKU_SECRET_KEY: nonEmpty("Secret Key from the DOKU Back Office").pipe(
    z.string().min(16, "looks too short to be a DOKU Secret Key"),
  ),
  DOKU_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  DOKU_RESPONSE_SIGNATURE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["enforce", "report"], { error: "must be enforce or report (see .env.example)" })
      .default("enforce"),
  ),
  DOKU_NOTIFICATION_PATH: z
    .string()
    .regex(
      /^\/[^\s?#]*$/,
      "must be a path starting with / (the path of the Notification URL in DOKU Back Office)",
    )
    .default("/api/doku/notifications"),
  DOKU_OVERRIDE_NOTIFICATION_URL: optionalSetting(z.url({ protocol: /^https?$/ })),
  APP_BASE_URL: httpUrl("public URL of this shop, used in callback_url"),
  AUTH_SECRET: nonEmpty("random secret for sessions: openssl rand -base64 32").pipe(
    z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  ),
  /** Lets a production trial on this machine serve over plain http (never for real shoppers). */
  ALLOW_HTTP_APP_BASE_URL: z
    .enum(["true", "false", ""], { error: "must be true or false" })
    .optional()
    .transform((v) => v === "true"),
  /** A SQLite file path (one machine) or a postgres:// URL (one or several); lib/db/dialect.ts. */
  DATABASE_URL: nonEmpty("SQLite file path, e.g. .data/shop.db, or a postgres:// URL").superRefine(
    (value, ctx) => {
      const parsed = parseDatabaseUrl(value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    },
  ),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "must be a whole number of connections (1-100)" })
    .int()
    .min(1)
    .max(100)
    .default(10),
  /** Proxies in front of the app that append to X-Forwarded-For; 0: the header is not trusted. */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "must be a whole number of proxies (0-10)" })
    .int()
    .min(0)
    .max(10)
    .default(0),
  /**
   * How long an unpaid order holds its units: the Kredivo link's life, sent to DOKU as
   * `expired_time`. 30 minutes by default (docs/reliability.md, "Holding stock" says why).
   */
  PAYMENT_EXPIRY_MINUTES: z.coerce
    .number({ error: "must be a whole number of minutes (5-1440)" })
    .int()
    .min(5)
    .max(1440)
    .default(30),
  /**
   * Days after payment within which the provider takes a refund (Kredivo: 14). The refund panel
   * counts them down and warns past them; it never refuses (lib/refunds/refundable.ts).
   */
  REFUND_WINDOW_DAYS: z.coerce
    .number({ error: "must be a whole number of days (1-365)" })
    .int()
    .min(1)
    .max(365)
    .default(14),
  /** Unpaid orders holding units that one shopper (email, phone or client address) may have at once. */
  MAX_OPEN_ORDERS_PER_SHOPPER: z.coerce
    .number({ error: "must be a whole number of orders (1-1000)" })
    .int()
    .min(1)
    .max(1000)
    .default(2),
  /** Every time the shop and the back office show, and the back office's days, are in this zone. */
  SHOP_TIME_ZONE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(shopTimeZoneNames, {
        error: `must be one of ${shopTimeZoneNames.join(", ")} (WIB, WITA, WIT)`,
      })
      .default(defaultShopTimeZone),
  ),
  /**
   * Where the shop's emails go: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
   * smtps://…:465. Unset: emails still queue in the outbox, and the back office shows them unsent.
   */
  SMTP_URL: optionalSetting(
    z.url({
      protocol: /^smtps?$/,
      error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example.com:587",
    }),
  ),
  /** The From of every email, e.g. `Toko Nusantara <pesanan@toko.example>`. */
  MAIL_FROM: optionalSetting(
    z
      .string()
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        "must be an address, optionally with a name: Toko Nusantara <pesanan@toko.example>",
      ),
  ),
  /** How often the sender looks for due emails inside next start (0 turns it off). */
  MAIL_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** The wait after a refused try, doubled after each further one (capped at an hour). */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Tries before an email is marked failed (the back office can still resend it). */
  MAIL_MAX_TRIES: z.coerce.number().int().min(1).max(50).default(8),
  /**
   * Emails one mailbox may get per day (lib/mail/recipient-limit.ts): checkout mails any address
   * typed, so this bounds what a stranger can make the shop send someone. 5 covers a shopper's
   * busy day (one email per declined or expired payment, and a cart may start 5 payments an hour);
   * a paid order's emails and staff resends always go.
   */
  MAIL_RECIPIENT_DAILY_LIMIT: z.coerce
    .number({ error: "must be a whole number of emails (1-1000)" })
    .int()
    .min(1)
    .max(1000)
    .default(5),
  /**
   * Where alerts for a person go (lib/alerts/, docs/operations.md): a Slack or Discord incoming
   * webhook, or any receiver of a JSON POST. Unset: alerts are recorded and shown in the back
   * office, not sent. https in production (http only to this machine).
   */
  ALERT_WEBHOOK_URL: optionalSetting(
    z.url({
      protocol: /^https?$/,
      error: "must be an https URL (a Slack or Discord incoming webhook, or your own receiver)",
    }),
  ),
  /** How often the alert loop checks and sends (0 turns it off). */
  ALERT_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** DOKU calls failing in a row (network, timeout, 5xx, bad signature) before an alert. */
  ALERT_DOKU_FAILURES: z.coerce
    .number({ error: "must be a whole number of calls (1-1000)" })
    .int()
    .min(1)
    .max(1000)
    .default(3),
  /** Minutes past a payment's expiry, still open, before an alert (the reconciler's grace is 5). */
  ALERT_OVERDUE_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** The wait after a refused post, doubled after each further one (capped at an hour). */
  ALERT_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Posts before an alert is marked failed. */
  ALERT_MAX_TRIES: z.coerce.number().int().min(1).max(50).default(8),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  RECONCILE_MIN_AGE_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /**
   * Days after an order's last parcel was delivered before it completes by itself (the reconciler's
   * schedule does it; lib/fulfilment/staff.ts). Staff may complete it sooner.
   */
  ORDER_COMPLETE_AFTER_DAYS: z.coerce
    .number({ error: "must be a whole number of days (1-365)" })
    .int()
    .min(1)
    .max(365)
    .default(7),
  /**
   * The bearer token Prometheus sends to GET /api/metrics. Unset: the route answers 404, as if it
   * did not exist. Production also refuses a weak one (lib/production-checks.ts).
   */
  METRICS_TOKEN: optionalSetting(
    z.string().min(32, "must be at least 32 characters when set (openssl rand -hex 32)"),
  ),
  /** Where traces go over OTLP/HTTP (e.g. http://collector:4318); unset: tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalSetting(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. http://collector:4318" }),
  ),
  /**
   * The full traces URL instead (e.g. http://collector:4318/custom/v1/traces); set alone, it also
   * turns tracing on (instrumentation.ts), so it is checked the same way.
   */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalSetting(
    z.url({
      protocol: /^https?$/,
      error: "must be an http(s) URL, e.g. http://collector:4318/v1/traces",
    }),
  ),
  /** The OTLP encoding; gRPC is not supported by the exporter the shop uses. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["http/protobuf", "http/json"], { error: "must be http/protobuf or http/json" })
      .optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; message: string };

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) {
    const env = parsed.data;
    if (
      env.DOKU_OVERRIDE_NOTIFICATION_URL &&
      new URL(env.DOKU_OVERRIDE_NOTIFICATION_URL).pathname !== env.DOKU_NOTIFICATION_PATH
    ) {
      return {
        ok: false,
        message:
          "Invalid configuration:\n  - DOKU_OVERRIDE_NOTIFICATION_URL: its path must equal DOKU_NOTIFICATION_PATH (DOKU lets an override change the host only)",
      };
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      return {
        ok: false,
        message:
          "Invalid configuration:\n  - MAIL_FROM: is required when SMTP_URL is set (the From of the shop's emails, e.g. Toko Nusantara <pesanan@toko.example>)",
      };
    }
    return { ok: true, env };
  }
  const lines = parsed.error.issues.map(
    (issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`,
  );
  return {
    ok: false,
    message: `Invalid configuration (see .env.example):\n${lines.join("\n")}`,
  };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

let cached: Env | undefined;

/** The parsed configuration; throws ConfigError listing every problem on first use. */
export function env(): Env {
  if (!cached) {
    const result = parseEnv(process.env);
    if (!result.ok) throw new ConfigError(result.message);
    cached = result.env;
  }
  return cached;
}
