// Products there are not enough of, in the shopper's language: "Ketik 75% Mechanical Keyboard
// (only 2 left) and …". Each name is the product's own (names are not translated); how many are
// left is shop.stock.shortItem, and the list is joined the language's way. Pure: it is handed the
// translator and the list formatter, from a server component (components/shop/shortfall-text.ts)
// or the checkout's action (lib/checkout/problem-text.ts).
import type { StockShortfall } from "./levels";

type ShortItem = (key: "shortItem", values: { name: string; left: number }) => string;

export function shortfallText(
  items: readonly StockShortfall[],
  t: ShortItem,
  list: (words: string[]) => string,
): string {
  return list(items.map((item) => t("shortItem", { name: item.name, left: item.left })));
}
