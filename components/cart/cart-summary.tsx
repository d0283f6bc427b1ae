// Subtotal, one shipping line per seller and the total: the one summary the cart, the checkout
// and the order page all show.
import { Price } from "@/components/ui/price";

export interface SummaryShipping {
  key: string;
  label: string;
  fee: number;
}

export function SummaryRows({
  subtotal,
  shipping,
  total,
  totalTestId,
  digitalOnly = false,
  className = "",
}: {
  subtotal: number;
  shipping: SummaryShipping[];
  total: number;
  totalTestId: string;
  digitalOnly?: boolean;
  className?: string;
}) {
  return (
    <dl className={`space-y-2 text-sm ${className}`}>
      <div className="flex justify-between gap-4">
        <dt className="text-stone-600">Subtotal</dt>
        <dd className="font-medium text-stone-900">
          <Price value={subtotal} />
        </dd>
      </div>
      {shipping.map((s) => (
        <div key={s.key} className="flex justify-between gap-4">
          <dt className="text-stone-600">{s.label}</dt>
          <dd className="font-medium text-stone-900">
            <Price value={s.fee} />
          </dd>
        </div>
      ))}
      {shipping.length === 0 && digitalOnly ? (
        <div className="flex justify-between gap-4">
          <dt className="text-stone-600">Shipping</dt>
          <dd className="font-medium text-green-800">Free · digital delivery</dd>
        </div>
      ) : null}
      <div className="flex items-baseline justify-between gap-4 border-t border-stone-200 pt-3">
        <dt className="text-base font-semibold text-stone-900">Total</dt>
        <dd className="text-xl font-bold text-stone-900" data-testid={totalTestId}>
          <Price value={total} />
        </dd>
      </div>
    </dl>
  );
}
