// Runs once when the server starts. The Node-only part lives in its own module so the Edge
// bundle never sees process.exit. Tracing starts first, and only when an OTLP endpoint is set
// (docs/operations.md, "Traces"); otherwise its SDK is never loaded.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    const { startTracing } = await import("./lib/observability/start-tracing");
    startTracing();
  }
  await import("./lib/startup");
}
