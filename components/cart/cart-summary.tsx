// Subtotal, one shipping line per seller and the total: the one summary the cart, the checkout
// and the order page all show. Works in server and client components alike.
import { useTranslations } from "next-intl";
import { Price } from "@/components/ui/price";

/**
 * One seller's flat shipping fee: the line reads "Shipping from <seller>" in the shopper's
 * language, or `label` as it is when the seller is not known (an order's stored line).
 */
export type SummaryShipping = { key: string; fee: number } & (
  { sellerName: string } | { label: string }
);

export function SummaryRows({
  subtotal,
  shipping,
  total,
  totalTestId,
  digitalOnly = false,
  className = "",
}: {
  subtotal: number;
  shipping: SummaryShipping[];
  total: number;
  totalTestId: string;
  digitalOnly?: boolean;
  className?: string;
}) {
  const t = useTranslations("shop.summary");
  return (
    <dl className={`space-y-2 text-sm ${className}`}>
      <div className="flex justify-between gap-4">
        <dt className="text-stone-600">{t("subtotal")}</dt>
        <dd className="font-medium text-stone-900">
          <Price value={subtotal} />
        </dd>
      </div>
      {shipping.map((s) => (
        <div key={s.key} className="flex justify-between gap-4">
          <dt className="text-stone-600">
            {"sellerName" in s ? t("shippingFrom", { seller: s.sellerName }) : s.label}
          </dt>
          <dd className="font-medium text-stone-900">
            <Price value={s.fee} />
          </dd>
        </div>
      ))}
      {shipping.length === 0 && digitalOnly ? (
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">{t("shipping")}</dt>
          <dd className="font-medium text-green-800">{t("freeDigital")}</dd>
        </div>
      ) : null}
      <div className="flex items-baseline justify-between gap-4 border-t border-stone-200 pt-3">
        <dt className="text-base font-semibold text-stone-900">{t("total")}</dt>
        <dd className="text-xl font-bold text-stone-900" data-testid={totalTestId}>
          <Price value={total} />
        </dd>
      </div>
    </dl>
  );
}
