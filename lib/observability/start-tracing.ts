// Registers the OpenTelemetry SDK (through @vercel/otel) with an OTLP exporter. Loaded by
// instrumentation.ts only when an OTLP endpoint is configured: without one, no SDK is loaded at
// all and every span of lib/observability/tracing.ts is the API's no-op.
import { registerOTel, type Configuration } from "@vercel/otel";
import { RedactingSpanProcessor } from "./span-redaction";

/**
 * The alert webhook's URL as the fetch instrumentation compares it (a prefix of `new URL(…).href`),
 * or none when unset or malformed (start-up then refuses it, lib/env.ts).
 */
export function webhookUrlPrefix(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    return new URL(raw.trim()).href;
  } catch {
    return undefined;
  }
}

/** registerOTel's configuration for this environment (apart, so a unit test can run it). */
export function tracingConfiguration(
  source: Record<string, string | undefined> = process.env,
): Configuration {
  const webhook = webhookUrlPrefix(source.ALERT_WEBHOOK_URL);
  return {
    serviceName: source.OTEL_SERVICE_NAME || "doku-kredivo-shop",
    instrumentationConfig: {
      fetch: {
        // DOKU is a third party: never send it our trace ids (the fetch span is still recorded).
        propagateContextUrls: [],
        // The webhook's path is its password: its posts make no span at all.
        ignoreUrls: webhook ? [webhook] : [],
      },
    },
    // First, so the exporting processors ("auto") only ever see redacted spans.
    spanProcessors: [
      new RedactingSpanProcessor({
        secretPathUrls: [source.ALERT_WEBHOOK_URL, webhook],
        // None of these is put in a span by the shop; should a library's error quote one, it goes.
        values: [source.DOKU_SECRET_KEY, source.AUTH_SECRET, source.METRICS_TOKEN],
        credentialUrls: [source.SMTP_URL, source.DATABASE_URL],
      }),
      "auto",
    ],
  };
}

export function startTracing(): void {
  registerOTel(tracingConfiguration());
}
