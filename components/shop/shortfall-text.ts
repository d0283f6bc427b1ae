// lib/stock/shortfall-text.ts for server components: the cart's and the order page's notices.
import { useFormatter, useTranslations } from "next-intl";
import type { StockShortfall } from "@/lib/stock/levels";
import { shortfallText } from "@/lib/stock/shortfall-text";

export function useShortfallText(): (items: readonly StockShortfall[]) => string {
  const t = useTranslations("shop.stock");
  const format = useFormatter();
  return (items) => shortfallText(items, t, (words) => format.list(words));
}
