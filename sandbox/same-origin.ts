// The control API and the stand-in Kredivo page change state on POST, so a page on another site
// must not be able to post to them from a developer's browser (approve a payment, inject faults).
// Browsers say where a request comes from (Sec-Fetch-Site, Origin); tests and curl send neither,
// and a form on the sandbox's own pages is same-origin.
import type { MiddlewareHandler } from "hono";

export const refuseCrossSitePosts: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== "POST") return next();
  const site = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  const crossSite =
    site !== undefined
      ? site !== "same-origin" && site !== "none"
      : origin !== undefined && origin !== new URL(c.req.url).origin;
  if (!crossSite) return next();
  return c.json(
    {
      error: {
        code: "cross_site_request",
        message: `refused a ${site ?? "cross-origin"} POST from ${origin ?? "another site"}`,
        type: "invalid_request",
      },
    },
    403,
  );
};
