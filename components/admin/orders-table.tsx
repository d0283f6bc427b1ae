import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useShopTimeZone } from "@/components/ui/shop-time";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { OrderList } from "@/lib/admin/orders";
import { formatShopTime, orderReference } from "@/lib/format";
import { formatRupiah } from "@/lib/money";
import { orderNet } from "@/lib/refunds/refundable";
import { zoneLabel } from "@/lib/time-zone";
import { NeedsReviewBadge, OrderStatusBadge } from "./status-badge";

export function OrdersTable({ list, filtered }: { list: OrderList; filtered: boolean }) {
  const t = useTranslations("admin.list");
  const fulfilment = useTranslations("admin.parcels");
  const money = useTranslations("admin.refunds.summary");
  const locale = useLocale();
  const zone = useShopTimeZone();
  if (list.rows.length === 0) {
    return (
      <div className="px-4 py-12 text-center sm:px-5" data-testid="orders-empty">
        <p className="font-semibold">
          {list.total > 0 ? t("emptyPage") : filtered ? t("emptyFiltered") : t("emptyNone")}
        </p>
        <p className="mt-1 text-sm text-stone-600">
          {filtered ? (
            <Link href="/admin" className="font-medium text-brand-700 underline underline-offset-4">
              {t("showAll")}
            </Link>
          ) : (
            t("emptyHint")
          )}
        </p>
      </div>
    );
  }
  const first = (list.page - 1) * list.pageSize + 1;
  const last = first + list.rows.length - 1;
  return (
    <TableScroll label={t("scrollLabel")}>
      <Table data-testid="orders-table">
        <Caption>
          {t("caption")}{" "}
          <span className="font-normal tabular-nums text-stone-600">
            {list.totalCapped
              ? t("rangeCapped", { first, last, total: list.total })
              : t("range", { first, last, total: list.total })}
          </span>
        </Caption>
        <thead>
          <tr>
            <Th>{t("date", { zone: zoneLabel(zone) })}</Th>
            <Th>{t("order")}</Th>
            <Th>{t("customer")}</Th>
            <Th>{t("email")}</Th>
            <Th>{t("status")}</Th>
            <Th>{t("fulfilment")}</Th>
            <Th numeric>{t("total")}</Th>
            <Th>{t("latestInvoice")}</Th>
            <Th>
              <span className="sr-only">{t("review")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr key={row.id} className="hover:bg-stone-50" data-testid="order-row">
              <Td className="whitespace-nowrap tabular-nums text-stone-700">
                <time dateTime={row.createdAt.toISOString()}>
                  {formatShopTime(row.createdAt, locale, zone, { zoneLabel: false })}
                </time>
              </Td>
              <RowTh className="text-left font-normal">
                <Link
                  href={`/admin/orders/${row.id}`}
                  className="rounded font-mono font-semibold text-brand-700 underline-offset-4 hover:underline"
                >
                  {orderReference(row.token)}
                </Link>
              </RowTh>
              <Td className="whitespace-nowrap">{row.customerName}</Td>
              <Td className="max-w-56 truncate text-stone-700" title={row.email}>
                {row.email}
              </Td>
              <Td>
                <OrderStatusBadge status={row.status} />
              </Td>
              <Td className="whitespace-nowrap text-stone-700" data-testid="order-fulfilment">
                {row.fulfilment ? fulfilment(`fulfilmentStates.${row.fulfilment}`) : "—"}
              </Td>
              <Td numeric className="font-medium">
                {formatRupiah(row.total)}
                {row.refundedTotal > 0 ? (
                  <span
                    className="block text-xs font-normal text-stone-600"
                    data-testid="order-row-net"
                  >
                    {money("net", {
                      refunded: formatRupiah(row.refundedTotal),
                      net: formatRupiah(orderNet(row)),
                    })}
                  </span>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs text-stone-700">
                {row.latestInvoice ?? "—"}
              </Td>
              <Td>
                {row.unreviewedFlags > 0 ? <NeedsReviewBadge count={row.unreviewedFlags} /> : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableScroll>
  );
}
