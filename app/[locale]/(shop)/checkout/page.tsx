import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { placeOrderAction } from "@/app/[locale]/(shop)/checkout/actions";
import { StockShortfallAlert } from "@/components/cart/stock-shortfall-alert";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { CheckoutSummaryList, type CheckoutSummary } from "@/components/checkout/checkout-summary";
import { checkoutFormWords } from "@/components/checkout/checkout-words";
import { Alert } from "@/components/ui/alert";
import { loadCart } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookie";
import { issueCheckoutKey } from "@/lib/checkout/checkout-key";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shop.checkout");
  return { title: t("title"), robots: { index: false } };
}

export default async function CheckoutPage() {
  const cartId = await readCartId();
  const cart = await loadCart(cartId);
  if (!cartId || cart.lines.length === 0) redirect("/cart");
  const t = await getTranslations("shop");
  const format = await getFormatter();

  // Only what the form renders: names, quantities and integer rupiah, priced on the server.
  const summary: CheckoutSummary = {
    items: cart.lines.map((l) => ({
      key: String(l.product.id),
      name: l.product.name,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
    })),
    shipping: cart.shipping.map((s) => ({ key: s.sellerId, sellerName: s.sellerName, fee: s.fee })),
    subtotal: cart.subtotal,
    total: cart.total,
  };

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">{t("checkout.title")}</h1>
        <p className="text-stone-600">
          {t("checkout.intro")}{" "}
          <Link
            href="/cart"
            className="font-medium text-brand-700 underline-offset-4 hover:underline"
          >
            {t("checkout.editCart")}
          </Link>
        </p>
      </div>
      {cart.unavailable.length > 0 ? (
        <Alert tone="warning" testId="checkout-unavailable" title={t("cart.unavailableTitle")}>
          {t("checkout.unavailable", {
            names: format.list(cart.unavailable),
            count: cart.unavailable.length,
          })}
        </Alert>
      ) : null}
      <StockShortfallAlert short={cart.short} />
      {/* A fresh key per render, bound to this cart: a double submit of this form finds the same order. */}
      <CheckoutForm
        checkoutKey={issueCheckoutKey(cartId)}
        summary={<CheckoutSummaryList summary={summary} />}
        words={await checkoutFormWords()}
        placeOrderAction={placeOrderAction}
      />
    </div>
  );
}
