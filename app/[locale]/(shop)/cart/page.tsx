import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { removeFromCartAction, updateQuantityAction } from "@/app/[locale]/(shop)/cart/actions";
import { CartLineControls } from "@/components/cart/cart-line-controls";
import { CartLineStock } from "@/components/cart/cart-line-stock";
import { cartLineWords } from "@/components/cart/cart-line-words";
import { SummaryRows } from "@/components/cart/cart-summary";
import { StockShortfallAlert } from "@/components/cart/stock-shortfall-alert";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Price, priceTag } from "@/components/ui/price";
import { ProductImage } from "@/components/ui/product-image";
import { loadCart } from "@/lib/cart/cart";
import { readCartId } from "@/lib/cart/cookie";
import { formatRupiah } from "@/lib/money";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shop.cart");
  return { title: t("title") };
}

export default async function CartPage() {
  const cart = await loadCart(await readCartId());
  const empty = cart.lines.length === 0;
  const t = await getTranslations("shop");
  const format = await getFormatter();
  const lineWords = await Promise.all(cart.lines.map((line) => cartLineWords(line.product.name)));

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{t("cart.title")}</h1>

      {cart.unavailable.length > 0 ? (
        <Alert tone="warning" testId="cart-unavailable" title={t("cart.unavailableTitle")}>
          <p>
            {t("cart.unavailable", {
              names: format.list(cart.unavailable),
              count: cart.unavailable.length,
            })}
          </p>
        </Alert>
      ) : null}
      <StockShortfallAlert short={cart.short} />

      {empty ? (
        <Card className="flex flex-col items-center gap-4 px-6 py-14 text-center">
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            className="size-12 text-brand-600"
          >
            <path
              strokeLinecap="round"
              strokeLinejoin="round"
              d="M2.25 3h1.386c.51 0 .955.343 1.087.835l.383 1.437M7.5 14.25a3 3 0 0 0-3 3h15.75m-12.75-3h11.218c1.121-2.3 2.1-4.684 2.924-7.138a60.114 60.114 0 0 0-16.536-1.84M7.5 14.25 5.106 5.272M6 20.25a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Zm12.75 0a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Z"
            />
          </svg>
          <div className="space-y-1">
            <h2 className="text-lg font-semibold">{t("cart.emptyTitle")}</h2>
            <p className="text-stone-600">{t("cart.emptyBody")}</p>
          </div>
          <Link href="/" className={buttonClass()}>
            {t("actions.continueShopping")}
          </Link>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
          <section aria-labelledby="cart-items-heading">
            <h2 id="cart-items-heading" className="sr-only">
              {t("cart.itemsHeading")}
            </h2>
            <Card as="ul" className="divide-y divide-stone-200">
              {cart.lines.map((line, i) => (
                <li key={line.product.id} className="flex gap-4 p-4 sm:p-5">
                  <Link
                    href={`/products/${line.product.slug}`}
                    tabIndex={-1}
                    aria-hidden="true"
                    className="shrink-0"
                  >
                    <ProductImage
                      src={line.product.imagePath}
                      alt=""
                      size={96}
                      className="size-20 rounded-xl sm:size-24"
                    />
                  </Link>
                  <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:justify-between">
                    <div className="min-w-0 space-y-1">
                      <h3 className="font-semibold leading-snug">
                        <Link
                          href={`/products/${line.product.slug}`}
                          className="rounded hover:text-brand-700 hover:underline"
                        >
                          {line.product.name}
                        </Link>
                      </h3>
                      <p className="text-sm text-stone-600">{line.product.seller.name}</p>
                      <p className="text-sm text-stone-700">
                        {t.rich("cart.unitPrice", {
                          price: formatRupiah(line.unitPrice),
                          amount: priceTag,
                        })}
                      </p>
                      <div className="pt-2">
                        <CartLineControls
                          productId={line.product.id}
                          quantity={line.quantity}
                          stock={line.stock}
                          stockNote={<CartLineStock quantity={line.quantity} stock={line.stock} />}
                          words={lineWords[i]!}
                          updateQuantityAction={updateQuantityAction}
                          removeFromCartAction={removeFromCartAction}
                        />
                      </div>
                    </div>
                    <p className="text-base font-bold text-stone-900 sm:text-right">
                      <span className="sr-only">{t("cart.lineTotal")}</span>
                      <Price value={line.lineTotal} />
                    </p>
                  </div>
                </li>
              ))}
            </Card>
          </section>

          <Card
            as="aside"
            aria-labelledby="cart-summary-heading"
            className="space-y-5 p-5 lg:sticky lg:top-24"
          >
            <h2 id="cart-summary-heading" className="text-lg font-semibold">
              {t("summary.heading")}
            </h2>
            <SummaryRows
              subtotal={cart.subtotal}
              shipping={cart.shipping.map((s) => ({
                key: s.sellerId,
                sellerName: s.sellerName,
                fee: s.fee,
              }))}
              total={cart.total}
              totalTestId="cart-total"
              digitalOnly={cart.shipping.length === 0}
            />
            <Link href="/checkout" className={buttonClass({ size: "lg", fullWidth: true })}>
              {t("cart.proceed")}
            </Link>
            <p className="text-center text-xs text-stone-600">{t("kredivo.payLater")}</p>
          </Card>
        </div>
      )}
    </div>
  );
}
