// One catalogue tile. The name is the link; it stretches over the whole card so the picture is
// clickable too, while screen readers hear one link per product. "Sold out" / "Only N left" come
// from the stock the (cached) catalogue page read.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Price } from "@/components/ui/price";
import { ProductImage } from "@/components/ui/product-image";
import { StockNote } from "./stock-note";

export interface ProductCardData {
  slug: string;
  name: string;
  imagePath: string;
  price: number;
  digital: boolean;
  sellerName: string;
  sellerCity: string;
  /** Units available right now (products.stock). */
  stock: number;
}

export function ProductCard({
  product,
  preloadImage = false,
}: {
  product: ProductCardData;
  preloadImage?: boolean;
}) {
  const t = useTranslations("shop.product");
  return (
    <Card
      as="article"
      className="group relative flex flex-col overflow-hidden transition hover:-translate-y-0.5 hover:shadow-md focus-within:ring-2 focus-within:ring-brand-600 motion-reduce:transition-none motion-reduce:hover:translate-y-0"
    >
      <div className="relative">
        <ProductImage
          src={product.imagePath}
          alt=""
          size={400}
          preload={preloadImage}
          className="h-auto w-full"
        />
        {product.digital ? (
          <Badge tone="brand" className="absolute left-3 top-3 shadow-sm">
            {t("digital")}
          </Badge>
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-1 p-4">
        <h3 className="text-base font-semibold leading-snug text-stone-900">
          <Link
            href={`/products/${product.slug}`}
            className="rounded after:absolute after:inset-0 after:content-[''] focus-visible:outline-none group-hover:text-brand-700"
          >
            {product.name}
          </Link>
        </h3>
        <p className="text-sm text-stone-600">
          {product.sellerName} · {product.sellerCity}
        </p>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-3">
          <p className="text-lg font-bold text-stone-900">
            <Price value={product.price} />
          </p>
          <StockNote stock={product.stock} />
        </div>
      </div>
    </Card>
  );
}
