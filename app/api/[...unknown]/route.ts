// Every path under /api that no route handler claims: a JSON 404. Without it such a path would
// fall through to app/[locale] with "api" as its language (proxy.ts leaves /api to its handlers),
// and render a shop page's data in a 404 body, with no Content-Security-Policy.
export const dynamic = "force-dynamic";

function notFound(): Response {
  return Response.json(
    { error: "No such API route." },
    { status: 404, headers: { "cache-control": "no-store" } },
  );
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
