// GET /api/orders/<token>/status: `{ "status": "pending" }`, for the order page's poll while the
// order awaits Kredivo (components/orders/auto-refresh.tsx). The page re-renders only when this
// answer changes, so a waiting shopper costs one indexed read per poll, not a page render. The
// token is the same capability as the order page's address, and nothing else of the order is said.
import { shopperOrderStatus } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  const status = await shopperOrderStatus(token);
  if (!status)
    return Response.json({ error: "No order has this token." }, { status: 404, headers: NO_STORE });
  return Response.json({ status }, { headers: NO_STORE });
}
