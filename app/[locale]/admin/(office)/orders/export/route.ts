// GET /admin/orders/export?status=…&from=…&to=…&q=…&per=order|line: the accountant's CSV of what
// the orders page's filter selects (lib/admin/export.ts). Protected like every back-office page:
// proxy.ts sends a request without a session cookie to sign-in, and requireAdmin() here checks the
// session against the database (a route handler is not under the office layout, so it checks
// itself). The file is named for the shop's date; the words of its header are the staff member's.
import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { exportStream } from "@/lib/admin/export";
import { parseOrderFilter } from "@/lib/admin/filter";
import { requireAdmin } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { columnsOf } from "@/lib/export/order-rows";
import { shopDay } from "@/lib/format";
import { localeOrDefault } from "@/lib/i18n/locales";
import { requestAddress } from "@/lib/limits/request-address";
import { zoneLabel } from "@/lib/time-zone";

export const dynamic = "force-dynamic";

export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ locale: string }> },
): Promise<Response> {
  const staff = await requireAdmin();
  const clientAddress = await requestAddress();
  const locale = localeOrDefault((await params).locale);
  const search = request.nextUrl.searchParams;
  const filter = parseOrderFilter(search);
  const shape = search.get("per") === "line" ? "line" : "order";
  const zone = env().SHOP_TIME_ZONE;
  const t = await getTranslations({ locale, namespace: "admin.export.columns" });
  const header = columnsOf(shape).map((column) => t(column, { zone: zoneLabel(zone) }));
  const name = `${shape === "line" ? "order-lines" : "orders"}-${shopDay(new Date(), zone)}.csv`;
  return new Response(exportStream({ filter, shape, zone, header, by: { staff, clientAddress } }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
