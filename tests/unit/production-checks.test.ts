// Production refuses published secrets, weak session secrets and plain http, all listed at once.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseEnv as parseDotEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import { productionProblems, secretBits } from "@/lib/production-checks";
import { PUBLISHED_SECRETS } from "@/lib/published-values";

const example = parseDotEnv(readFileSync(new URL("../../.env.example", import.meta.url), "utf8"));

function envOf(overrides: Record<string, string>): Env {
  const result = parseEnv({ ...example, NODE_ENV: "production", ...overrides });
  if (!result.ok) throw new Error(result.message);
  return result.env;
}

const strong = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  DOKU_SECRET_KEY: `SK-${randomBytes(12).toString("hex")}`,
  APP_BASE_URL: "https://toko.example",
};

describe("@faults production start-up checks", () => {
  it("knows every secret .env.example ships with", () => {
    for (const [name, value] of Object.entries(PUBLISHED_SECRETS))
      expect(example[name], name).toBe(value);
  });

  it("lists every problem of the example configuration at once", () => {
    const problems = productionProblems(envOf({}));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^AUTH_SECRET is the one published in \.env\.example/);
    expect(problems[1]).toMatch(/^DOKU_SECRET_KEY is the one published in \.env\.example/);
    expect(problems[2]).toMatch(
      /^APP_BASE_URL \(http:\/\/localhost:3000\) is not https.*ALLOW_HTTP_APP_BASE_URL=true/,
    );
  });

  it("accepts real secrets over https, and http only when explicitly allowed", () => {
    expect(productionProblems(envOf(strong))).toEqual([]);
    expect(
      productionProblems(envOf({ ...strong, APP_BASE_URL: "http://shop.example" })),
    ).toHaveLength(1);
    expect(
      productionProblems(
        envOf({
          ...strong,
          APP_BASE_URL: "http://localhost:3000",
          ALLOW_HTTP_APP_BASE_URL: "true",
        }),
      ),
    ).toEqual([]);
    expect(parseEnv({ ...example, ALLOW_HTTP_APP_BASE_URL: "yes" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("ALLOW_HTTP_APP_BASE_URL: must be true or false"),
    });
  });

  it("sends alerts over https only, or over http to this machine", () => {
    const problems = (url: string) =>
      productionProblems(envOf({ ...strong, ALERT_WEBHOOK_URL: url }));
    expect(problems("https://hooks.slack.com/services/T0/B0/x")).toEqual([]);
    expect(problems("http://127.0.0.1:4010/webhooks/alerts")).toEqual([]);
    expect(problems("http://localhost:9000/hook")).toEqual([]);
    expect(problems("http://alerts.example/hook")).toEqual([
      expect.stringMatching(/^ALERT_WEBHOOK_URL \(http:\/\/alerts\.example\) is not https/),
    ]);
    expect(parseEnv({ ...example, ALERT_WEBHOOK_URL: "ftp://x.example" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("ALERT_WEBHOOK_URL: must be an https URL"),
    });
  });

  it("refuses an AUTH_SECRET of less than 32 bytes of entropy", () => {
    const weak = [
      "a".repeat(64), // one character
      "0123456789abcdef".repeat(4), // one short piece, repeated
      "abcdabcdabcdabcdabcdabcdabcdabcdabcd", // likewise
      randomBytes(24).toString("base64"), // 24 bytes
      randomBytes(31).toString("hex"), // 31 bytes
      "0101101001011010010110100101101001011010010110100101101001011010", // two characters
    ];
    for (const secret of weak) {
      const problems = productionProblems(envOf({ ...strong, AUTH_SECRET: secret }));
      expect(problems, secret).toEqual([
        expect.stringMatching(/^AUTH_SECRET holds at most \d+ bits of entropy; sessions need 256/),
      ]);
    }
    for (const secret of [
      randomBytes(32).toString("base64"),
      randomBytes(32).toString("base64url"),
      randomBytes(32).toString("hex"),
    ]) {
      expect(secretBits(secret), secret).toBeGreaterThanOrEqual(256);
    }
  });

  it("refuses a weak METRICS_TOKEN, and accepts none or 16 random bytes", () => {
    for (const token of ["a".repeat(40), "abcdefgh".repeat(5), "0123456789abcdef".repeat(3)]) {
      expect(productionProblems(envOf({ ...strong, METRICS_TOKEN: token })), token).toEqual([
        expect.stringMatching(/^METRICS_TOKEN holds at most \d+ bits of entropy; it needs 128/),
      ]);
    }
    expect(productionProblems(envOf({ ...strong, METRICS_TOKEN: "" }))).toEqual([]);
    expect(
      productionProblems(envOf({ ...strong, METRICS_TOKEN: randomBytes(16).toString("hex") })),
    ).toEqual([]);
  });
});
