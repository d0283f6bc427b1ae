// Kredivo sends the shopper back here (DOKU callback_url): a quick look at DOKU when it is due
// (lib/orders/shopper-return.ts), then the order page, within a couple of seconds whatever DOKU does.
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { findShopperOrder } from "@/lib/orders/queries";
import { checkOnReturn } from "@/lib/orders/shopper-return";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  if (!(await findShopperOrder(token))) {
    const t = await getTranslations("shop.order.notFound");
    return new Response(t("plain"), {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  await checkOnReturn(token);
  return Response.redirect(new URL(`/orders/${token}`, env().APP_BASE_URL), 303);
}
