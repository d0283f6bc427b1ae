// The checkout's order summary: the lines, the shipping per seller, the total and how Kredivo will
// be paid. Rendered on the server and handed to the checkout form as a node, so the browser gets
// finished words and amounts, not the formatters that make them.
import { useTranslations } from "next-intl";
import { SummaryRows, type SummaryShipping } from "@/components/cart/cart-summary";
import { Price } from "@/components/ui/price";

export interface CheckoutSummary {
  items: { key: string; name: string; quantity: number; lineTotal: number }[];
  shipping: SummaryShipping[];
  subtotal: number;
  total: number;
}

export function CheckoutSummaryList({ summary }: { summary: CheckoutSummary }) {
  const t = useTranslations("shop.summary");
  const kredivo = useTranslations("shop.kredivo");
  return (
    <>
      <h2 id="checkout-summary-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <ul className="space-y-3 text-sm">
        {summary.items.map((item) => (
          <li key={item.key} className="flex justify-between gap-4">
            <span className="min-w-0">
              <span className="font-medium text-stone-900">{item.name}</span>
              <span className="text-stone-600">{t("times", { quantity: item.quantity })}</span>
            </span>
            <Price value={item.lineTotal} className="font-medium" />
          </li>
        ))}
      </ul>
      <SummaryRows
        subtotal={summary.subtotal}
        shipping={summary.shipping}
        total={summary.total}
        totalTestId="checkout-total"
        className="border-t border-stone-200 pt-4"
      />

      <p className="flex gap-2 rounded-xl bg-brand-50 px-3 py-2.5 text-sm text-brand-900">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="mt-0.5 size-4 shrink-0"
        >
          <path
            fillRule="evenodd"
            d="M2.5 4A1.5 1.5 0 0 0 1 5.5V6h18v-.5A1.5 1.5 0 0 0 17.5 4h-15ZM19 8.5H1v6A1.5 1.5 0 0 0 2.5 16h15a1.5 1.5 0 0 0 1.5-1.5v-6ZM3 13.25a.75.75 0 0 1 .75-.75h1.5a.75.75 0 0 1 0 1.5h-1.5a.75.75 0 0 1-.75-.75Zm4.75-.75a.75.75 0 0 0 0 1.5h3.5a.75.75 0 0 0 0-1.5h-3.5Z"
            clipRule="evenodd"
          />
        </svg>
        <span>{kredivo("willPay")}</span>
      </p>
    </>
  );
}
