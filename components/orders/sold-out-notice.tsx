// Why a failed or expired order cannot be paid again: some of its units sold meanwhile
// (ShopperOrder.stockShort, or payAgain's `soldOut` answer). Names each product and how many are left.
import { useTranslations } from "next-intl";
import { useShortfallText } from "@/components/shop/shortfall-text";
import { Alert } from "@/components/ui/alert";
import type { StockShortfall } from "@/lib/stock/levels";

export function SoldOutNotice({ items }: { items: readonly StockShortfall[] }) {
  const t = useTranslations("shop.order");
  const shortfallText = useShortfallText();
  if (items.length === 0) return null;
  return (
    <Alert tone="warning" testId="order-sold-out" title={t("soldOutTitle")}>
      {t("soldOut", { items: shortfallText(items) })}
    </Alert>
  );
}
