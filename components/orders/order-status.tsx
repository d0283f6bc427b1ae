// The order's status in words and what it means for the shopper. A polite live region: when the
// page refreshes itself and the status changes, screen readers hear the new status.
import { useTranslations } from "next-intl";
import type { ShopperOrder } from "@/lib/orders/queries";

const STYLES = {
  pending: {
    box: "border-amber-200 bg-amber-50",
    text: "text-amber-950",
    dot: "bg-amber-500 animate-pulse motion-reduce:animate-none",
  },
  paid: { box: "border-green-200 bg-green-50", text: "text-green-900", dot: "bg-green-600" },
  failed: { box: "border-red-200 bg-red-50", text: "text-red-900", dot: "bg-red-600" },
  expired: { box: "border-red-200 bg-red-50", text: "text-red-900", dot: "bg-red-600" },
  refunded: { box: "border-stone-200 bg-stone-100", text: "text-stone-900", dot: "bg-stone-500" },
  cancelled: { box: "border-stone-200 bg-stone-100", text: "text-stone-900", dot: "bg-stone-500" },
} as const;

/** The key under shop.order.status that explains the order's state. */
function explanation(order: Pick<ShopperOrder, "status" | "payment">) {
  switch (order.status) {
    case "paid":
    case "refunded":
    case "expired":
    case "cancelled":
      return order.status;
    case "failed":
      return "tryAgain";
    case "pending":
      return order.payment?.startFailed ? "tryAgain" : "pending";
  }
}

export function OrderStatusPanel({ order }: { order: Pick<ShopperOrder, "status" | "payment"> }) {
  const t = useTranslations("shop.order.status");
  const status = useTranslations("common.status.shopper");
  const style = STYLES[order.status];
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={`rounded-2xl border p-5 ${style.box} ${style.text}`}
    >
      <p className="flex items-center gap-2.5 text-xl font-bold">
        <span aria-hidden="true" className={`size-2.5 rounded-full ${style.dot}`} />
        <span data-testid="order-status">{status(order.status)}</span>
      </p>
      <p className="mt-1.5 text-sm" data-testid="order-status-detail">
        {t(explanation(order))}
      </p>
    </div>
  );
}
