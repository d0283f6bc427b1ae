// GET /api/ready (readiness): 200 when the database answers and has every migration this build
// expects, 503 otherwise, saying which part is not ready.
import { readiness } from "@/lib/ready";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await readiness();
  return Response.json(result, {
    status: result.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
