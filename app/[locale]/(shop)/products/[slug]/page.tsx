import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { addToCartAction } from "@/app/[locale]/(shop)/cart/actions";
import { AddToCartForm } from "@/components/shop/add-to-cart-form";
import { StockNote } from "@/components/shop/stock-note";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Price } from "@/components/ui/price";
import { ProductImage } from "@/components/ui/product-image";
import { findActiveProductBySlug } from "@/lib/catalog/products";
import { localeOrDefault } from "@/lib/i18n/locales";

// Cached: rendered on the first request per language, then served from the cache and rendered
// again in the background at most every 5 seconds, so a change to a product (a sale, a release,
// `npm run stock`, on any instance) shows within seconds and no shopper waits for a render.
// "error" fails the build if anything here starts reading the request (docs/caching.md).
export const dynamic = "error";
export const revalidate = 5;

type Props = { params: Promise<{ locale: string; slug: string }> };

/** None at build time (no database there); each product is rendered on its first request. */
export function generateStaticParams(): { slug: string }[] {
  return [];
}

const getProduct = cache((slug: string) => findActiveProductBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const product = await getProduct(slug);
  if (product) return { title: product.name, description: product.description };
  const t = await getTranslations({ locale: localeOrDefault(locale), namespace: "shop.product" });
  return { title: t("notFoundTitle") };
}

export default async function ProductPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(localeOrDefault(locale));
  const product = await getProduct(slug);
  if (!product) notFound();
  const digital = product.type === "digital";
  const t = await getTranslations("shop");

  return (
    <div className="space-y-6">
      <nav aria-label={t("product.breadcrumb")} className="text-sm text-stone-600">
        <ol className="flex flex-wrap items-center gap-1.5">
          <li>
            <Link href="/" className="rounded hover:text-brand-700 hover:underline">
              {t("layout.shop")}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="truncate text-stone-900">
            {product.name}
          </li>
        </ol>
      </nav>

      <div className="grid gap-8 md:grid-cols-2 md:gap-12">
        <div className="overflow-hidden rounded-3xl border border-stone-200 bg-white shadow-sm">
          <ProductImage
            src={product.imagePath}
            alt={product.name}
            size={800}
            preload
            className="h-auto w-full"
          />
        </div>

        <div className="space-y-6">
          <div className="space-y-3">
            {digital ? <Badge tone="brand">{t("product.digital")}</Badge> : null}
            <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{product.name}</h1>
            <p className="text-stone-700">
              {t.rich("product.soldBy", {
                seller: product.seller.name,
                name: (chunks) => <span className="font-medium text-stone-900">{chunks}</span>,
              })}
            </p>
            <p className="text-3xl font-bold text-stone-900">
              <Price value={product.price} />
            </p>
          </div>

          <p className="leading-relaxed text-stone-700">{product.description}</p>

          <p className="flex items-center gap-2 text-sm font-medium text-stone-800">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              fill="currentColor"
              className="size-5 text-brand-700"
            >
              {digital ? (
                <path d="M3 4a2 2 0 0 0-2 2v1.16l8.55 4.27a1 1 0 0 0 .9 0L19 7.16V6a2 2 0 0 0-2-2H3Zm16 5.38-7.66 3.83a3 3 0 0 1-2.68 0L1 9.38V14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V9.38Z" />
              ) : (
                <path d="M6.5 3c-1.05 0-1.94.72-2.2 1.7L3.18 9H2a1 1 0 0 0-1 1v4a1 1 0 0 0 1 1h.05a2.5 2.5 0 0 0 4.9 0h6.1a2.5 2.5 0 0 0 4.9 0H18a1 1 0 0 0 1-1v-3.5a2 2 0 0 0-.4-1.2l-2.1-2.8A2 2 0 0 0 14.9 5.7H13V4a1 1 0 0 0-1-1H6.5Z" />
              )}
            </svg>
            {digital
              ? t("product.digitalDelivery")
              : t("product.shipsFrom", { city: product.seller.city })}
          </p>

          <Card className="p-5">
            <AddToCartForm
              productId={product.id}
              stock={product.stock}
              maxPerOrder={product.maxPerOrder}
              stockNote={<StockNote stock={product.stock} />}
              words={{
                quantity: t("product.quantity"),
                addToCart: t("product.addToCart"),
                adding: t("product.adding"),
              }}
              addToCartAction={addToCartAction}
            />
            {product.maxPerOrder !== null ? (
              <p data-testid="max-per-order" className="mt-4 text-sm font-medium text-stone-800">
                {t("product.maxPerOrder", { max: product.maxPerOrder })}
              </p>
            ) : null}
            <p className="mt-4 text-sm text-stone-600">{t("kredivo.payLater")}</p>
          </Card>
        </div>
      </div>
    </div>
  );
}
