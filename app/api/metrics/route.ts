// Prometheus scrapes the shop here (docs/operations.md, "Metrics"). Absent (404) unless
// METRICS_TOKEN is set; 401 without the right bearer token. Never cached: every scrape reads the
// counters and the database afresh.
import "server-only";
import { env } from "@/lib/env";
import { updateDatabaseGauges } from "@/lib/observability/database-gauges";
import { metrics } from "@/lib/observability/metrics";
import { metricsAccess } from "@/lib/observability/metrics-auth";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"), env().METRICS_TOKEN);
  if (access === "not_configured")
    return new Response("Not Found", { status: 404, headers: NO_STORE });
  if (access === "refused") {
    return new Response("Unauthorized", {
      status: 401,
      headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const m = metrics();
  await updateDatabaseGauges(m);
  return new Response(await m.registry.metrics(), {
    headers: { ...NO_STORE, "Content-Type": m.registry.contentType },
  });
}
