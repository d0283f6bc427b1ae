// The words of one cart line's controls, rendered on the server for the client component
// (./cart-line-controls.tsx). The labels naming the product say so to screen readers only.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { CartLineWords } from "./cart-line-controls";

const hidden = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;

export async function cartLineWords(productName: string): Promise<CartLineWords> {
  const t = await getTranslations("shop.cart");
  const named = { product: productName, hidden };
  return {
    quantity: t.rich("quantityFor", named),
    update: t("update"),
    updating: t("updating"),
    remove: t.rich("remove", named),
    removing: t.rich("removing", named),
  };
}
