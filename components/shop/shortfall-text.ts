// Products there are not enough of, in the shopper's language: "Ketik 75% Mechanical Keyboard
// (only 2 left) and …", for the checkout form, the cart and the order page. Each name is the
// product's own (names are not translated); how many are left is shop.stock.shortItem.
import { useFormatter, useTranslations } from "next-intl";
import type { StockShortfall } from "@/lib/stock/levels";

export function useShortfallText(): (items: readonly StockShortfall[]) => string {
  const t = useTranslations("shop.stock");
  const format = useFormatter();
  return (items) => format.list(items.map((item) => t("shortItem", { name: item.name, left: item.left })));
}
