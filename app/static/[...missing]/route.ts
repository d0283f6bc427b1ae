// Every path under /static that is not a file in public/static: a plain 404. The proxy leaves
// /static to Next's file serving (proxy.ts); without this such a path would fall through to
// app/[locale] with "static" as its language, and render a shop page's data with no policy.
export const dynamic = "force-dynamic";

function notFound(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export const GET = notFound;
export const HEAD = notFound;
