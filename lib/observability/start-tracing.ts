// Registers the OpenTelemetry SDK (through @vercel/otel) with an OTLP exporter. Loaded by
// instrumentation.ts only when an OTLP endpoint is configured: without one, no SDK is loaded at
// all and every span of lib/observability/tracing.ts is the API's no-op.
import { registerOTel } from "@vercel/otel";

export function startTracing(): void {
  registerOTel({
    serviceName: process.env.OTEL_SERVICE_NAME || "doku-kredivo-shop",
    // DOKU is a third party: never send it our trace ids (the fetch span is still recorded).
    instrumentationConfig: { fetch: { propagateContextUrls: [] } },
  });
}
