// What never leaves the shop in a trace: an order's access token (its page's path is the key to
// the order: /orders/<token>, /orders/<token>/return, /api/orders/<token>/status) and a one-time
// link's (/admin/invitation/<token>, /admin/reset-password/<token>), query strings
// (DOKU's return parameters, a sign-in's `from`), and configured secrets such as the alert
// webhook's URL, whose path is its password. A span processor, listed before the exporting one:
// it rewrites a span when it starts, for whatever reads it live, and again when it ends, since
// Next and the fetch instrumentation set names and URLs after the start too. Pure: no server-only,
// so instrumentation.ts and the unit tests load it as it is.
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/** Attributes that hold a request's URL or path: their query string is dropped. */
const URL_ATTRIBUTES = new Set([
  "http.target",
  "http.url",
  "url.full",
  "url.path",
  "resource.name",
  "next.span_name",
]);
/** Attributes that are nothing but a query string. */
const QUERY_ATTRIBUTES = new Set(["url.query"]);

export const REDACTED = "[redacted]";
export const TOKEN_PLACEHOLDER = ":token";

// `/orders/<segment>` except the back office's `/admin/orders/<number>` (an order's number opens
// nothing without a staff session) and Next's route templates (`/orders/[token]`).
const ORDER_TOKEN_PATH = /(?<!\/admin)\/orders\/([^/?#\s]+)/g;
// The back office's one-time links (an invitation, a password reset): the token is the credential.
const LINK_TOKEN_PATH = /\/admin\/(invitation|reset-password)\/([^/?#\s]+)/g;
const QUERY = /\?[^\s#]*/g;

export interface Secrets {
  /** URLs whose path is a password (a Slack or Discord webhook): the URL, and its path alone. */
  secretPathUrls?: readonly (string | undefined)[];
  /** Secret values: a key, a token. */
  values?: readonly (string | undefined)[];
  /** URLs that may carry a password (SMTP_URL, DATABASE_URL): the URL and the password. */
  credentialUrls?: readonly (string | undefined)[];
}

/** A shorter string is too common to replace wherever it appears (a password that short is weak anyway). */
const MIN_SECRET_LENGTH = 8;

/** Every text to replace with REDACTED, longest first (a URL goes whole before its path). */
export function secretForms(secrets: Secrets): string[] {
  const forms = new Set<string>();
  const add = (form: string | undefined) => {
    if (form && form.length >= MIN_SECRET_LENGTH) forms.add(form);
  };
  const asUrl = (value: string) => {
    try {
      return new URL(value);
    } catch {
      return undefined;
    }
  };
  for (const raw of secrets.secretPathUrls ?? []) {
    const value = raw?.trim();
    if (!value) continue;
    add(value);
    const url = asUrl(value);
    if (url) {
      add(url.href);
      add(url.pathname + url.search);
    }
  }
  for (const raw of secrets.values ?? []) add(raw?.trim());
  for (const raw of secrets.credentialUrls ?? []) {
    const url = raw?.trim() ? asUrl(raw.trim()) : undefined;
    if (url?.password) {
      add(raw!.trim());
      add(url.href);
      add(url.password);
      try {
        add(decodeURIComponent(url.password));
      } catch {
        // Not percent-encoded as a URL's password should be: its raw form is already listed.
      }
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

function withoutTokens(text: string): string {
  return text
    .replace(ORDER_TOKEN_PATH, (whole, segment: string) =>
      segment === TOKEN_PLACEHOLDER || segment.startsWith("[")
        ? whole
        : `/orders/${TOKEN_PLACEHOLDER}`,
    )
    .replace(LINK_TOKEN_PATH, (whole, page: string, segment: string) =>
      segment === TOKEN_PLACEHOLDER || segment.startsWith("[")
        ? whole
        : `/admin/${page}/${TOKEN_PLACEHOLDER}`,
    );
}

/** A span's name or an attribute's text as it may be exported. */
export function redactText(text: string, secrets: readonly string[], isUrl: boolean): string {
  const clean = withoutTokens(withoutSecrets(text, secrets));
  return isUrl ? clean.replace(QUERY, "") : clean;
}

type Attributes = Record<string, unknown>;

/** The attributes to change (a new value, or undefined to drop it). */
function redactedAttributes(
  attributes: Attributes,
  secrets: readonly string[],
): [string, string | undefined][] {
  const changes: [string, string | undefined][] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== "string") continue;
    if (QUERY_ATTRIBUTES.has(key)) {
      changes.push([key, undefined]);
      continue;
    }
    const clean = redactText(value, secrets, URL_ATTRIBUTES.has(key));
    if (clean !== value) changes.push([key, clean]);
  }
  return changes;
}

export class RedactingSpanProcessor implements SpanProcessor {
  private readonly secrets: string[];

  constructor(secrets: Secrets = {}) {
    this.secrets = secretForms(secrets);
  }

  onStart(span: Span, _parentContext: Context): void {
    // A span's name is always treated as a URL: Next names request spans `GET /path?query`.
    const name = redactText(span.name, this.secrets, true);
    if (name !== span.name) span.updateName(name);
    for (const [key, value] of redactedAttributes(span.attributes, this.secrets)) {
      // An ended span ignores setAttribute; a live one cannot drop a key, so it is emptied.
      span.setAttribute(key, value ?? "");
    }
  }

  onEnd(span: ReadableSpan): void {
    // An ended span ignores updateName and setAttribute: what is exported is changed in place, as
    // @vercel/otel's own processor does with the attributes it adds at the end.
    const writable = span as unknown as { name: string; attributes: Attributes };
    const name = redactText(span.name, this.secrets, true);
    if (name !== span.name) writable.name = name;
    for (const [key, value] of redactedAttributes(span.attributes, this.secrets)) {
      if (value === undefined) delete writable.attributes[key];
      else writable.attributes[key] = value;
    }
    for (const event of span.events) {
      if (!event.attributes) continue;
      const attributes = event.attributes as Attributes;
      for (const [key, value] of redactedAttributes(attributes, this.secrets)) {
        if (value === undefined) delete attributes[key];
        else attributes[key] = value;
      }
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
