// The order's status in words and what it means for the shopper. A polite live region: when the
// page refreshes itself and the status changes, screen readers hear the new status.
import { SHOPPER_STATUS_LABEL } from "@/lib/format";
import type { ShopperOrder } from "@/lib/orders/queries";

const STYLES = {
  pending: { box: "border-amber-200 bg-amber-50", text: "text-amber-950", dot: "bg-amber-500 animate-pulse motion-reduce:animate-none" },
  paid: { box: "border-green-200 bg-green-50", text: "text-green-900", dot: "bg-green-600" },
  failed: { box: "border-red-200 bg-red-50", text: "text-red-900", dot: "bg-red-600" },
  expired: { box: "border-red-200 bg-red-50", text: "text-red-900", dot: "bg-red-600" },
  refunded: { box: "border-stone-200 bg-stone-100", text: "text-stone-900", dot: "bg-stone-500" },
} as const;

const TRY_AGAIN = "We could not start or complete the Kredivo payment. Your order is saved — you can try again.";

function explanation(order: Pick<ShopperOrder, "status" | "payment">): string {
  switch (order.status) {
    case "paid":
      return "Thank you! Kredivo confirmed your payment.";
    case "refunded":
      return "Your payment has been refunded through Kredivo.";
    case "expired":
      return "The Kredivo payment link expired before the payment was completed. Your order is saved — you can try again.";
    case "failed":
      return TRY_AGAIN;
    case "pending":
      return order.payment?.startFailed ? TRY_AGAIN : "Waiting for confirmation from Kredivo…";
  }
}

export function OrderStatusPanel({ order }: { order: Pick<ShopperOrder, "status" | "payment"> }) {
  const style = STYLES[order.status];
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={`rounded-2xl border p-5 ${style.box} ${style.text}`}>
      <p className="flex items-center gap-2.5 text-xl font-bold">
        <span aria-hidden="true" className={`size-2.5 rounded-full ${style.dot}`} />
        <span data-testid="order-status">{SHOPPER_STATUS_LABEL[order.status]}</span>
      </p>
      <p className="mt-1.5 text-sm" data-testid="order-status-detail">
        {explanation(order)}
      </p>
    </div>
  );
}
