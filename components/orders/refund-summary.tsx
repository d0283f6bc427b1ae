// What the shopper paid, what has been refunded and the net, once any refund is recorded; and a
// line per refund still being made through Kredivo or done. Amounts only: reasons and DOKU
// references stay in the back office.
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { formatRupiah } from "@/lib/money";
import type { ShopperOrder } from "@/lib/orders/queries";
import { orderNet } from "@/lib/refunds/refundable";

export function RefundSummary({
  order,
}: {
  order: Pick<ShopperOrder, "total" | "refundedTotal" | "refunds" | "paidAt">;
}) {
  const t = useTranslations("shop.refunds");
  if (!order.paidAt || order.refunds.length === 0) return null;
  const facts: [string, string, number][] = [
    ["paid", t("paid"), order.total],
    ["refunded", t("refunded"), order.refundedTotal],
    ["net", t("net"), orderNet(order)],
  ];
  return (
    <Card
      as="section"
      aria-labelledby="refunds-heading"
      className="p-5 sm:p-6"
      data-testid="shopper-refunds"
    >
      <h2 id="refunds-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <dl className="mt-3 flex flex-wrap gap-x-8 gap-y-2 text-sm">
        {facts.map(([key, label, amount]) => (
          <div key={key} data-testid={`shopper-money-${key}`}>
            <dt className="text-stone-600">{label}</dt>
            <dd className="text-base font-semibold tabular-nums">{formatRupiah(amount)}</dd>
          </div>
        ))}
      </dl>
      <ul className="mt-3 space-y-1 text-sm text-stone-700">
        {order.refunds.map((refund, i) => (
          <li key={i}>{t(refund.state, { amount: formatRupiah(refund.amount) })}</li>
        ))}
      </ul>
    </Card>
  );
}
