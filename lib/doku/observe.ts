// Each call to DOKU as a span (endpoint, HTTP status, signature verdict, latency) and in the
// metrics (calls by endpoint and status, latency, signature failures). Wraps the client's
// exchange without changing what it returns.
import { metrics } from "@/lib/observability/metrics";
import { inSpan } from "@/lib/observability/tracing";
import type { DokuResult } from "./client";

/** What a call's answer said of its signature: verified, failed, or no answer to check. */
export function signatureVerdict(valid: boolean | null): "valid" | "invalid" | "none" {
  return valid === null ? "none" : valid ? "valid" : "invalid";
}

export function observeDokuCall<T>(
  endpoint: "generate-order" | "check-status",
  method: "GET" | "POST",
  call: () => Promise<DokuResult<T>>,
): Promise<DokuResult<T>> {
  return inSpan(
    `doku.${endpoint}`,
    { "doku.endpoint": endpoint, "http.request.method": method },
    async (span) => {
      const result = await call();
      const { exchange } = result;
      const status = exchange.status ?? (result.ok ? "none" : result.error.kind);
      const verdict = signatureVerdict(exchange.signatureValid);
      span.setAttributes({
        "doku.request_id": exchange.requestId,
        "doku.signature": verdict,
        "doku.result": result.ok ? "ok" : result.error.kind,
        "doku.duration_ms": exchange.durationMs,
        ...(exchange.status !== null ? { "http.response.status_code": exchange.status } : {}),
      });
      const m = metrics();
      m.dokuRequests.inc({ endpoint, status: String(status) });
      m.dokuDuration.observe({ endpoint }, exchange.durationMs / 1000);
      if (verdict === "invalid") m.signatureFailures.inc({ source: "doku_response" });
      return result;
    },
    { kind: "client" },
  );
}
