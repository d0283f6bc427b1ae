// Kredivo sends the shopper back here (DOKU callback_url). Opening it changes nothing by
// itself: if the newest attempt is still pending, ask DOKU once (a signed Check Status answer
// is recorded and applied by lib/orders), then show the order page.
import { env } from "@/lib/env";
import { checkAttemptStatus } from "@/lib/orders/check-status";
import { findShopperOrder, pendingAttemptForToken } from "@/lib/orders/queries";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  if (!findShopperOrder(token)) {
    return new Response("Order not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const pending = pendingAttemptForToken(token);
  if (pending) {
    try {
      await checkAttemptStatus(pending.attemptId);
    } catch (error) {
      // The order page still shows the order (as pending) and keeps checking; notifications settle it.
      logError({ event: "shopper.return.check_status_failed", error: String(error) });
    }
  }
  return Response.redirect(new URL(`/orders/${token}`, env().APP_BASE_URL), 303);
}
