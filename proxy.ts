// Runs before every page: a fresh CSP nonce per response, and an early sign-in redirect for the
// back office (a convenience only: every admin page and action checks the session itself).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function needsSignIn(request: NextRequest): boolean {
  const path = request.nextUrl.pathname;
  if (path !== "/admin" && !path.startsWith("/admin/")) return false;
  if (path === "/admin/sign-in") return false;
  // Server actions and other non-GET requests are refused by the action's own session check,
  // which answers in a form the client understands; a proxy redirect would break that.
  if (request.method !== "GET" || request.headers.has("next-action")) return false;
  return !SESSION_COOKIES.some((name) => request.cookies.has(name));
}

export function proxy(request: NextRequest) {
  if (needsSignIn(request)) {
    const url = new URL("/admin/sign-in", request.url);
    url.searchParams.set("from", request.nextUrl.pathname);
    return NextResponse.redirect(url);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    dokuBaseUrl: process.env.DOKU_BASE_URL,
  });
  // Next reads the nonce from the request's CSP header and puts it on its own script tags.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: static files, images and the API (DOKU's notification must stay fast) skip it.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|ico|txt)$).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
