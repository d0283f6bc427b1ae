// "Sold out" / "Only N left" for a product, from the stock the page read; nothing when there is
// plenty. Reads no request (no cookies, no headers), so cached catalogue and product pages can
// render it. A server component: client forms get it from their page as a node.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { stockLevel } from "@/lib/stock/levels";

export function StockNote({ stock, className = "" }: { stock: number; className?: string }) {
  const t = useTranslations("shop.stock");
  const level = stockLevel(stock);
  if (level.kind === "plenty") return null;
  return (
    <span data-testid="stock-note" className={className}>
      <Badge tone={level.kind === "soldOut" ? "bad" : "warn"}>
        {level.kind === "soldOut" ? t("soldOut") : t("onlyLeft", { count: level.left })}
      </Badge>
    </span>
  );
}
