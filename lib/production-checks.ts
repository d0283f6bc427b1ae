// What production refuses to start with, beyond a configuration that does not parse: secrets
// anyone can read in .env.example, a session secret too weak to sign with, and a shop served over
// plain http. Pure, so the start-up and its tests share it.
import type { Env } from "./env";
import { PUBLISHED_SECRETS } from "./published-values";

/** AUTH_SECRET signs every back-office session: 32 random bytes, as `openssl rand -base64 32` makes. */
export const MIN_AUTH_SECRET_BITS = 256;

/**
 * The most entropy `secret` can hold, in bits, judged from its length and alphabet (hex carries 4
 * bits a character, base64 6, other printable text about 6.5). Randomness itself cannot be read
 * off a string: this is an upper bound that catches the obvious mistakes (too short, one short
 * piece repeated, a handful of distinct characters), not a passphrase made of words.
 */
export function secretBits(secret: string): number {
  const perChar = /^[0-9a-fA-F]+$/.test(secret)
    ? 4
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)
      ? 6
      : Math.log2(95);
  const text = secret.replace(/=+$/, "");
  const distinct = new Set(text).size;
  const bits = text.length * (distinct <= 8 ? Math.log2(Math.max(distinct, 1)) : perChar);
  for (let period = 1; period <= text.length / 2; period++) {
    if (text.length % period === 0 && text.slice(0, period).repeat(text.length / period) === text) {
      return secretBits(text.slice(0, period));
    }
  }
  return Math.floor(bits);
}

/** METRICS_TOKEN guards what the shop's counters reveal: 16 random bytes at least. */
export const MIN_METRICS_TOKEN_BITS = 128;

export function productionProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.AUTH_SECRET === PUBLISHED_SECRETS.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET is the one published in .env.example: anyone could sign a back-office session. Generate your own: openssl rand -base64 32",
    );
  } else if (secretBits(env.AUTH_SECRET) < MIN_AUTH_SECRET_BITS) {
    problems.push(
      `AUTH_SECRET holds at most ${secretBits(env.AUTH_SECRET)} bits of entropy; sessions need ${MIN_AUTH_SECRET_BITS} (32 random bytes). Generate one: openssl rand -base64 32`,
    );
  }
  if (env.DOKU_SECRET_KEY === PUBLISHED_SECRETS.DOKU_SECRET_KEY) {
    problems.push(
      "DOKU_SECRET_KEY is the one published in .env.example. Set the Secret Key from DOKU Back Office → Integration → API Keys",
    );
  }
  if (env.METRICS_TOKEN && secretBits(env.METRICS_TOKEN) < MIN_METRICS_TOKEN_BITS) {
    problems.push(
      `METRICS_TOKEN holds at most ${secretBits(env.METRICS_TOKEN)} bits of entropy; it needs ${MIN_METRICS_TOKEN_BITS}. Generate one: openssl rand -hex 32`,
    );
  }
  if (new URL(env.APP_BASE_URL).protocol !== "https:" && !env.ALLOW_HTTP_APP_BASE_URL) {
    problems.push(
      `APP_BASE_URL (${env.APP_BASE_URL}) is not https: shoppers and DOKU would reach the shop unencrypted. Use https, or set ALLOW_HTTP_APP_BASE_URL=true for a production trial on your own machine`,
    );
  }
  if (env.ALERT_WEBHOOK_URL && !alertUrlAllowed(env.ALERT_WEBHOOK_URL)) {
    problems.push(
      `ALERT_WEBHOOK_URL (${new URL(env.ALERT_WEBHOOK_URL).origin}) is not https: alerts name orders and payments. Use the https URL your Slack or Discord webhook gives you (http is allowed only to localhost)`,
    );
  }
  return problems;
}

/** https, or http to this machine (a receiver beside the shop, the sandbox's). */
export function alertUrlAllowed(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return (
    protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(hostname.toLowerCase())
  );
}
