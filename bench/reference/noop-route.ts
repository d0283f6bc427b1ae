// The benchmark's reference route, copied into the bench workspace only (bench/workspace.ts puts
// it at app/api/bench-noop/route.ts; the app itself has no such route). It does what every route
// handler must — read the request's body and answer JSON — and nothing else, so that the same
// `next start` serving it and the notification route shows what our handler adds.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  await request.arrayBuffer();
  return Response.json({ ok: true });
}
