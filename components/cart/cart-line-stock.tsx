// A cart line's stock, under its controls: what to change before checking out when the line asks
// for more than is left (placing the order would be refused), else "Only N left" or nothing.
// A server component: the cart page hands it to the line's client controls as a node.
import { useTranslations } from "next-intl";
import { StockNote } from "@/components/shop/stock-note";

export function CartLineStock({ quantity, stock }: { quantity: number; stock: number }) {
  const t = useTranslations("shop.stock");
  if (quantity <= stock) return <StockNote stock={stock} />;
  return (
    <p data-testid="cart-line-stock" className="text-sm font-medium text-red-700">
      {t("lineOver", { left: Math.max(0, stock) })}
    </p>
  );
}
