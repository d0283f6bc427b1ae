// The framework's ceiling for `npm run bench`: a POST route handler that does no work at all.
// Inert in a real deployment: it answers 404 unless the benchmark started the server with
// BENCH_NOOP=1.
export const dynamic = "force-dynamic";

export async function POST(): Promise<Response> {
  if (process.env.BENCH_NOOP !== "1") return new Response("Not Found", { status: 404 });
  return Response.json({ ok: true, outcome: "noop" });
}
