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

  it("reads the metrics token and the OTLP settings, refusing a short token and gRPC", () => {
    const ok = parseEnv({
      ...example,
      METRICS_TOKEN: "f".repeat(8) + "0123456789abcdef0123456789",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    });
    expect(ok).toMatchObject({
      ok: true,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      },
    });
    expect(parseEnv(example)).toMatchObject({ ok: true, env: { METRICS_TOKEN: undefined } });
    const bad = parseEnv({
      ...example,
      METRICS_TOKEN: "too-short",
      OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toContain("METRICS_TOKEN: must be at least 32 characters");
    expect(bad.message).toContain("OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL");
    expect(bad.message).toContain(
      "OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf or http/json",
    );
  });

  it("checks OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, which turns tracing on by itself, like the endpoint", () => {
    expect(
      parseEnv({
        ...example,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://otel.example/v1/traces",
      }),
    ).toMatchObject({
      ok: true,
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://otel.example/v1/traces" },
    });
    expect(parseEnv({ ...example, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: " " })).toMatchObject({
      ok: true,
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined },
    });
    for (const bad of ["collector:4318/v1/traces", "grpc://collector:4317"]) {
      const result = parseEnv({ ...example, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: bad });
      expect(result.ok, bad).toBe(false);
      if (result.ok) continue;
      expect(result.message).toContain(
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http(s) URL",
      );
    }
  });

  it("lists every missing variable in one message", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const name of [
      "DOKU_BASE_URL",
      "DOKU_CLIENT_ID",
      "DOKU_SECRET_KEY",
      "APP_BASE_URL",
      "AUTH_SECRET",
      "DATABASE_URL",
    ]) {
      expect(result.message).toContain(`${name}: is required`);
    }
  });

  it("names malformed values", () => {
    const result = parseEnv({
      ...example,
      DOKU_BASE_URL: "api.doku.com",
      DOKU_TIMEOUT_MS: "soon",
      AUTH_SECRET: "short",
    });
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

  it("takes DATABASE_URL as a SQLite file path or a postgres:// URL, and refuses any other scheme by name", () => {
    for (const value of ["mysql://shop:secret@db.internal:3306/shop", "file:.data/shop.db"]) {
      const result = parseEnv({ ...example, DATABASE_URL: value });
      expect(result.ok, value).toBe(false);
      if (result.ok) continue;
      const scheme = value.slice(0, value.indexOf(":") + 1);
      expect(result.message).toContain(
        `DATABASE_URL: starts with "${scheme}", which is neither a SQLite file path (e.g. .data/shop.db) nor a PostgreSQL URL`,
      );
    }
    const postgres = parseEnv({
      ...example,
      DATABASE_URL: "postgres://shop:secret@db.internal:5432/shop",
    });
    expect(postgres.ok).toBe(true);
    if (postgres.ok)
      expect(postgres.env.DATABASE_URL).toBe("postgres://shop:secret@db.internal:5432/shop");
    expect(parseEnv({ ...example, DATABASE_URL: "postgresql://shop@db.internal/shop" }).ok).toBe(
      true,
    );
    expect(parseEnv({ ...example, DATABASE_URL: ".data/other.db" }).ok).toBe(true);
    const noDatabase = parseEnv({ ...example, DATABASE_URL: "postgres://shop@db.internal:5432" });
    expect(noDatabase.ok).toBe(false);
    if (!noDatabase.ok) expect(noDatabase.message).toContain("DATABASE_URL: names no database");
  });

  it("refuses an override notification URL whose path differs (DOKU changes the host only)", () => {
    const result = parseEnv({
      ...example,
      DOKU_OVERRIDE_NOTIFICATION_URL: "https://shop.example/hooks/doku",
    });
    expect(result.ok).toBe(false);
    const ok = parseEnv({
      ...example,
      DOKU_OVERRIDE_NOTIFICATION_URL: "https://shop.example/api/doku/notifications",
    });
    expect(ok.ok).toBe(true);
  });
});
