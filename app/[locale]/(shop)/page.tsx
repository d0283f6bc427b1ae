import { getTranslations, setRequestLocale } from "next-intl/server";
import { ProductCard } from "@/components/shop/product-card";
import { listActiveProducts } from "@/lib/catalog/products";
import { localeOrDefault } from "@/lib/i18n/locales";

// Cached: rendered on the first request per language, then served from the cache and rendered
// again in the background at most every 5 seconds, so a change to a product (a sale, a release,
// `npm run stock`, on any instance) shows within seconds and no shopper waits for a render.
// "error" fails the build if anything here starts reading the request (docs/caching.md).
export const dynamic = "error";
export const revalidate = 5;

export default async function CatalogPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(localeOrDefault(locale));
  const products = await listActiveProducts();
  const t = await getTranslations("shop.catalog");
  const common = await getTranslations("common");
  return (
    <div className="space-y-8">
      <section className="overflow-hidden rounded-3xl bg-gradient-to-br from-brand-50 via-white to-amber-50 px-6 py-10 ring-1 ring-brand-100 sm:px-10">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">
          {common("shopName")}
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-stone-900 sm:text-4xl">
          {t("heading")}
        </h1>
        <p className="mt-3 max-w-prose text-stone-700">{t("intro")}</p>
      </section>

      <section aria-labelledby="products-heading" className="space-y-4">
        <h2 id="products-heading" className="sr-only">
          {t("productsHeading")}
        </h2>
        {products.length === 0 ? (
          <p className="text-stone-600">{t("empty")}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:gap-5 md:grid-cols-3 lg:grid-cols-4">
            {products.map((p, i) => (
              <li key={p.id} className="flex">
                <ProductCard
                  preloadImage={i < 4}
                  product={{
                    slug: p.slug,
                    name: p.name,
                    imagePath: p.imagePath,
                    price: p.price,
                    digital: p.type === "digital",
                    sellerName: p.seller.name,
                    sellerCity: p.seller.city,
                    stock: p.stock,
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
