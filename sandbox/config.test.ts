import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFromEnv, resolveConfig, SandboxConfigError } from "./config";
import { loadEnvFiles } from "./env-files";

describe("sandbox configuration", () => {
  it("applies defaults for everything but the credentials", () => {
    expect(
      configFromEnv({ DOKU_CLIENT_ID: "MCH-SANDBOX-1", DOKU_SECRET_KEY: "SK-SANDBOX-1" }),
    ).toEqual({
      port: 4010,
      smtpPort: 4025,
      clientId: "MCH-SANDBOX-1",
      secretKey: "SK-SANDBOX-1",
      notificationUrl: "http://127.0.0.1:3000/api/doku/notifications",
      timeScale: 1,
      publicUrl: undefined,
    });
  });

  it("reads every SANDBOX_* variable", () => {
    const config = configFromEnv({
      DOKU_CLIENT_ID: "MCH-SANDBOX-1",
      DOKU_SECRET_KEY: "SK-SANDBOX-1",
      SANDBOX_PORT: "4999",
      SANDBOX_SMTP_PORT: "4998",
      SANDBOX_NOTIFICATION_URL: "https://shop.example/api/doku/notifications",
      SANDBOX_TIME_SCALE: "3600",
      SANDBOX_PUBLIC_URL: "https://pay.example/",
    });
    expect(config).toMatchObject({
      port: 4999,
      smtpPort: 4998,
      timeScale: 3600,
      publicUrl: "https://pay.example",
    });
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      configFromEnv({
        SANDBOX_PORT: "http",
        SANDBOX_SMTP_PORT: "70000",
        SANDBOX_TIME_SCALE: "0",
        SANDBOX_NOTIFICATION_URL: "/relative",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SandboxConfigError);
    const problems = (error as SandboxConfigError).problems;
    expect(problems).toEqual([
      "SANDBOX_PORT must be a port number (0-65535)",
      "SANDBOX_SMTP_PORT must be a port number (0-65535)",
      "DOKU_CLIENT_ID is required",
      "DOKU_SECRET_KEY is required",
      "SANDBOX_NOTIFICATION_URL must be an absolute http(s) URL",
      "SANDBOX_TIME_SCALE must be a positive number",
    ]);
    expect((error as Error).message).toContain("  - DOKU_SECRET_KEY is required");
  });

  it("refuses to run in production or with credentials that are not the sandbox's own @faults", () => {
    const problems = (env: Record<string, string>) => {
      try {
        configFromEnv(env);
        return [];
      } catch (error) {
        return (error as SandboxConfigError).problems;
      }
    };
    expect(
      problems({
        NODE_ENV: "production",
        DOKU_CLIENT_ID: "MCH-SANDBOX-1",
        DOKU_SECRET_KEY: "SK-SANDBOX-1",
      }),
    ).toEqual([
      "NODE_ENV is production: the sandbox is for development and tests only, never a production host",
    ]);
    // The shape of real DOKU credentials.
    expect(
      problems({
        DOKU_CLIENT_ID: "BRN-0204-1754870435962",
        DOKU_SECRET_KEY: "SK-8ZdDjQjJ6yqFyQ2BZb3v",
      }),
    ).toEqual([
      "DOKU_CLIENT_ID must be a sandbox Client-Id (MCH-SANDBOX-…), never a real DOKU one",
      "DOKU_SECRET_KEY must be a sandbox Secret Key (SK-SANDBOX-…), never a real DOKU one",
    ]);
    expect(
      problems({
        NODE_ENV: "development",
        DOKU_CLIENT_ID: "MCH-SANDBOX-1",
        DOKU_SECRET_KEY: "SK-SANDBOX-1",
      }),
    ).toEqual([]);
  });

  it("gives the mailbox's SMTP listener a port of its own", () => {
    const credentials = { clientId: "MCH-SANDBOX-1", secretKey: "SK-SANDBOX-1" };
    // Tests ask for a random HTTP port; a fixed SMTP one would collide between test files.
    expect(resolveConfig({ ...credentials, port: 0 }).smtpPort).toBe(0);
    expect(resolveConfig({ ...credentials, port: 4010 }).smtpPort).toBe(4025);
    expect(resolveConfig({ ...credentials, port: 0, smtpPort: 4100 }).smtpPort).toBe(4100);
    expect(() => resolveConfig({ ...credentials, port: 4100, smtpPort: 4100 })).toThrow(
      "smtpPort must differ from port: the HTTP and SMTP listeners need one each",
    );
    const env = { DOKU_CLIENT_ID: "MCH-SANDBOX-1", DOKU_SECRET_KEY: "SK-SANDBOX-1" };
    expect(() => configFromEnv({ ...env, SANDBOX_PORT: "4025" })).toThrow(
      "SANDBOX_SMTP_PORT must differ from SANDBOX_PORT (both 4025)",
    );
    expect(configFromEnv({ ...env, SANDBOX_SMTP_PORT: "" }).smtpPort).toBe(4025);
  });

  it("loads .env over .env.example, never over variables already set", () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-env-"));
    try {
      writeFileSync(join(dir, ".env"), "DOKU_CLIENT_ID=from-dotenv\n");
      writeFileSync(
        join(dir, ".env.example"),
        "DOKU_CLIENT_ID=from-example\nDOKU_SECRET_KEY=sk-example\nSANDBOX_PORT=4010\n",
      );
      const env: Record<string, string | undefined> = { SANDBOX_PORT: "5000" };
      expect(loadEnvFiles(dir, env)).toEqual([".env", ".env.example"]);
      expect(env).toEqual({
        DOKU_CLIENT_ID: "from-dotenv",
        DOKU_SECRET_KEY: "sk-example",
        SANDBOX_PORT: "5000",
      });
      expect(loadEnvFiles(join(dir, "missing"), {})).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
