// "Not enough stock" above the cart or the checkout form, for the lines that ask for more than
// is left (loadCart's `short`): placing the order would be refused until they change.
import { useTranslations } from "next-intl";
import { useShortfallText } from "@/components/shop/shortfall-text";
import { Alert } from "@/components/ui/alert";
import type { StockShortfall } from "@/lib/stock/levels";

export function StockShortfallAlert({ short }: { short: readonly StockShortfall[] }) {
  const t = useTranslations("shop.stock");
  const shortfallText = useShortfallText();
  if (short.length === 0) return null;
  return (
    <Alert tone="warning" testId="cart-short" title={t("cartShortTitle")}>
      <p>{t("cartShort", { items: shortfallText(short), count: short.length })}</p>
    </Alert>
  );
}
