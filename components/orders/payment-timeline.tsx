// The order's payment steps, worded from the codes lib/orders/queries.ts gives: each event is a
// message key under shop.order.timeline, its source (DOKU's notification or our status check)
// that message's value.
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { ShopTime } from "@/components/ui/shop-time";
import type { TimelineEntry } from "@/lib/orders/queries";

const DOT = { neutral: "bg-stone-400", good: "bg-green-600", bad: "bg-red-600" } as const;

export function PaymentTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useTranslations("shop.order.timeline");
  return (
    <Card as="section" aria-labelledby="timeline-heading" className="p-5 sm:p-6">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <ol
        className="mt-4 space-y-4 border-l-2 border-stone-200 pl-5"
        data-testid="payment-timeline"
      >
        {entries.map((entry, i) => (
          <li key={i} className="relative">
            <span
              aria-hidden="true"
              className={`absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ring-4 ring-white ${DOT[entry.tone]}`}
            />
            <p className="text-sm font-medium text-stone-900">
              {t(entry.event, { source: entry.source ?? "none" })}
            </p>
            <ShopTime at={entry.at} className="text-xs text-stone-600" />
          </li>
        ))}
      </ol>
    </Card>
  );
}
