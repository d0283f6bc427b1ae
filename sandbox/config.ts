// Sandbox configuration. Parsed with zod from an env object (for `npm run sandbox`) or from
// options (for tests), and failing with every problem at once so a broken .env is fixed in one go.
import { z } from "zod";

export interface SandboxConfig {
  port: number;
  /** The mailbox's SMTP listener (startSandbox only); 0 picks a free port. */
  smtpPort: number;
  clientId: string;
  secretKey: string;
  notificationUrl: string;
  /** Retry delays are divided by this, so a test can see a 12 h schedule in seconds. */
  timeScale: number;
  /** Base of `payment.url`; when absent the server derives it from the port it listens on. */
  publicUrl: string | undefined;
}

/** Options accepted by `createSandbox` / `startSandbox`; the same names as SandboxConfig. */
export interface SandboxOptions {
  port?: number;
  /** Default: a free port when `port` is 0 (tests), else DEFAULT_SMTP_PORT. */
  smtpPort?: number;
  clientId: string;
  secretKey: string;
  notificationUrl?: string;
  timeScale?: number;
  publicUrl?: string;
  /** Injected clock, for tests that need an order to age; defaults to the real one. */
  now?: () => Date;
  /** One line per API call and delivery attempt; `npm run sandbox` prints them. Silent by default. */
  log?: (line: string) => void;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_SMTP_PORT = 4025;
export const DEFAULT_NOTIFICATION_URL = "http://127.0.0.1:3000/api/doku/notifications";

const httpUrl = z.string().refine(isHttpUrl, "must be an absolute http(s) URL");

const portNumber = z.number().int().min(0).max(65535);

const optionsSchema = z
  .object({
    port: portNumber.default(DEFAULT_PORT),
    smtpPort: portNumber.optional(),
    clientId: z.string().trim().min(1, "is required"),
    secretKey: z.string().min(1, "is required"),
    notificationUrl: httpUrl.default(DEFAULT_NOTIFICATION_URL),
    timeScale: z.number().positive("must be a positive number").finite().default(1),
    publicUrl: httpUrl.transform((u) => u.replace(/\/+$/, "")).optional(),
  })
  // A test asking for a random HTTP port must not collide on a fixed SMTP one.
  .transform(({ smtpPort, ...rest }) => ({
    ...rest,
    smtpPort: smtpPort ?? (rest.port === 0 ? 0 : DEFAULT_SMTP_PORT),
  }))
  .refine((c) => c.smtpPort === 0 || c.smtpPort !== c.port, {
    path: ["smtpPort"],
    message: "must differ from port: the HTTP and SMTP listeners need one each",
  });

// Env values are strings; blank counts as unset so `FOO=` in a .env falls back to the default.
const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/**
 * The sandbox signs with whatever secret it is given and shows what it signs: it must never hold a
 * real merchant's credentials. Sandbox credentials say so in their names (DOKU's own start MCH-/
 * BRN- and SK- followed by digits and letters, never SANDBOX).
 */
export const SANDBOX_CLIENT_ID_PREFIX = "MCH-SANDBOX-";
export const SANDBOX_SECRET_KEY_PREFIX = "SK-SANDBOX-";

const envPort = z.preprocess(
  blankIsUnset,
  z.coerce
    .number({ error: "must be a port number (0-65535)" })
    .int("must be a port number (0-65535)")
    .min(0, "must be a port number (0-65535)")
    .max(65535, "must be a port number (0-65535)")
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine(
        (v) => v !== "production",
        "is production: the sandbox is for development and tests only, never a production host",
      )
      .optional(),
  ),
  SANDBOX_PORT: envPort,
  SANDBOX_SMTP_PORT: envPort,
  DOKU_CLIENT_ID: z.preprocess(
    blankIsUnset,
    z
      .string()
      .startsWith(
        SANDBOX_CLIENT_ID_PREFIX,
        `must be a sandbox Client-Id (${SANDBOX_CLIENT_ID_PREFIX}…), never a real DOKU one`,
      ),
  ),
  DOKU_SECRET_KEY: z.preprocess(
    blankIsUnset,
    z
      .string()
      .startsWith(
        SANDBOX_SECRET_KEY_PREFIX,
        `must be a sandbox Secret Key (${SANDBOX_SECRET_KEY_PREFIX}…), never a real DOKU one`,
      ),
  ),
  SANDBOX_NOTIFICATION_URL: z.preprocess(blankIsUnset, httpUrl.optional()),
  SANDBOX_TIME_SCALE: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: "must be a positive number" })
      .positive("must be a positive number")
      .finite("must be a positive number")
      .optional(),
  ),
  SANDBOX_PUBLIC_URL: z.preprocess(blankIsUnset, httpUrl.optional()),
});

export class SandboxConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid DOKU sandbox configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SandboxConfigError";
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

// Default zod wording ("expected string, received undefined") is noise for a missing variable.
const configErrors: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined ? "is required" : undefined;

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "config"} ${issue.message}`);
}

export function resolveConfig(options: SandboxOptions): SandboxConfig {
  const parsed = optionsSchema.safeParse(options, { error: configErrors });
  if (!parsed.success) throw new SandboxConfigError(problemsOf(parsed.error));
  return { ...parsed.data, publicUrl: parsed.data.publicUrl };
}

/** Reads the same variable names the app uses for DOKU, plus the SANDBOX_* ones. */
export function configFromEnv(env: Record<string, string | undefined>): SandboxConfig {
  const parsed = envSchema.safeParse(env, { error: configErrors });
  if (!parsed.success) throw new SandboxConfigError(problemsOf(parsed.error));
  const e = parsed.data;
  const port = e.SANDBOX_PORT ?? DEFAULT_PORT;
  const smtpPort = e.SANDBOX_SMTP_PORT ?? DEFAULT_SMTP_PORT;
  if (smtpPort !== 0 && smtpPort === port) {
    throw new SandboxConfigError([
      `SANDBOX_SMTP_PORT must differ from SANDBOX_PORT (both ${port})`,
    ]);
  }
  return resolveConfig({
    port: e.SANDBOX_PORT,
    smtpPort,
    clientId: e.DOKU_CLIENT_ID,
    secretKey: e.DOKU_SECRET_KEY,
    notificationUrl: e.SANDBOX_NOTIFICATION_URL,
    timeScale: e.SANDBOX_TIME_SCALE,
    publicUrl: e.SANDBOX_PUBLIC_URL,
  });
}
