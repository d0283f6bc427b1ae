// GET /api/health (liveness): 200 while the process serves. GET /api/ready adds the database.
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(health(), { headers: { "cache-control": "no-store" } });
}
