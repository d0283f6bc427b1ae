// What was ordered, what it cost and where it goes: shared by the order and cancel pages.
import { useTranslations } from "next-intl";
import { SummaryRows } from "@/components/cart/cart-summary";
import { Card } from "@/components/ui/card";
import { Price, priceTag } from "@/components/ui/price";
import { formatRupiah } from "@/lib/money";
import type { ShopperOrder } from "@/lib/orders/queries";

export function OrderSummary({
  order,
  headingLevel = 2,
}: {
  order: Pick<ShopperOrder, "items" | "subtotal" | "total" | "shippingAddress">;
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("shop.order");
  const H = `h${headingLevel}` as const;
  const products = order.items.filter((i) => i.kind === "product");
  const shipping = order.items.filter((i) => i.kind === "shipping");
  const address = order.shippingAddress;
  return (
    <div className="space-y-4">
      <Card as="section" aria-labelledby="order-items-heading" className="p-5 sm:p-6">
        <H id="order-items-heading" className="text-lg font-semibold">
          {t("items")}
        </H>
        <ul className="mt-4 divide-y divide-stone-200">
          {products.map((item, i) => (
            <li key={i} className="flex justify-between gap-4 py-3 text-sm first:pt-0">
              <div className="min-w-0">
                <p className="font-medium text-stone-900">{item.name}</p>
                <p className="text-stone-600">
                  {t.rich("itemLine", {
                    quantity: item.quantity,
                    price: formatRupiah(item.unitPrice),
                    amount: priceTag,
                  })}
                </p>
              </div>
              <Price value={item.lineTotal} className="font-semibold text-stone-900" />
            </li>
          ))}
        </ul>
        <SummaryRows
          subtotal={order.subtotal}
          shipping={shipping.map((s, i) =>
            s.sellerName
              ? { key: String(i), sellerName: s.sellerName, fee: s.lineTotal }
              : { key: String(i), label: s.name, fee: s.lineTotal },
          )}
          total={order.total}
          totalTestId="order-total"
          className="mt-2 border-t border-stone-200 pt-4"
        />
      </Card>

      <Card as="section" aria-labelledby="order-address-heading" className="p-5 sm:p-6">
        <H id="order-address-heading" className="text-lg font-semibold">
          {t("shippingAddress")}
        </H>
        <address className="mt-3 text-sm not-italic leading-relaxed text-stone-700">
          <span className="font-medium text-stone-900">
            {address.firstName}
            {address.lastName ? ` ${address.lastName}` : ""}
          </span>
          <br />
          {address.address}
          <br />
          {address.city} {address.postalCode}
          <br />
          {t("country")}
          <br />
          {t("phone", { phone: address.phone })}
        </address>
      </Card>
    </div>
  );
}
