import { readFileSync } from "node:fs";
import { parseEnv as parseDotEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const example = parseDotEnv(readFileSync(new URL("../../.env.example", import.meta.url), "utf8"));

describe("lib/env", () => {
  it("accepts .env.example as it is, with the documented defaults", () => {
    const result = parseEnv(example);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.DOKU_BASE_URL).toBe("http://127.0.0.1:4010");
    expect(result.env.DOKU_TIMEOUT_MS).toBe(15000);
    expect(result.env.DOKU_NOTIFICATION_PATH).toBe("/api/doku/notifications");
    expect(result.env.DOKU_OVERRIDE_NOTIFICATION_URL).toBeUndefined();
  });

  it("lists every missing variable in one message", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const name of ["DOKU_BASE_URL", "DOKU_CLIENT_ID", "DOKU_SECRET_KEY", "APP_BASE_URL", "AUTH_SECRET", "DATABASE_URL"]) {
      expect(result.message).toContain(`${name}: is required`);
    }
  });

  it("names malformed values", () => {
    const result = parseEnv({ ...example, DOKU_BASE_URL: "api.doku.com", DOKU_TIMEOUT_MS: "soon", AUTH_SECRET: "short" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/DOKU_BASE_URL: must be an http\(s\) URL/);
    expect(result.message).toMatch(/DOKU_TIMEOUT_MS:/);
    expect(result.message).toMatch(/AUTH_SECRET: must be at least 32 characters/);
    expect(result.message).not.toMatch(/DOKU_CLIENT_ID/);
  });

  it("treats a blank secret as missing, never as a key", () => {
    const result = parseEnv({ ...example, DOKU_SECRET_KEY: "   " });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("DOKU_SECRET_KEY: is required");
  });

  it("refuses an override notification URL whose path differs (DOKU changes the host only)", () => {
    const result = parseEnv({ ...example, DOKU_OVERRIDE_NOTIFICATION_URL: "https://shop.example/hooks/doku" });
    expect(result.ok).toBe(false);
    const ok = parseEnv({ ...example, DOKU_OVERRIDE_NOTIFICATION_URL: "https://shop.example/api/doku/notifications" });
    expect(ok.ok).toBe(true);
  });
});
