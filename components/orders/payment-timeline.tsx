import { Card } from "@/components/ui/card";
import type { TimelineEntry } from "@/lib/orders/queries";
import { formatWib } from "@/lib/format";

const DOT = { neutral: "bg-stone-400", good: "bg-green-600", bad: "bg-red-600" } as const;

export function PaymentTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Card as="section" aria-labelledby="timeline-heading" className="p-5 sm:p-6">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Payment timeline
      </h2>
      <ol className="mt-4 space-y-4 border-l-2 border-stone-200 pl-5" data-testid="payment-timeline">
        {entries.map((entry, i) => (
          <li key={i} className="relative">
            <span aria-hidden="true" className={`absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ring-4 ring-white ${DOT[entry.tone]}`} />
            <p className="text-sm font-medium text-stone-900">{entry.label}</p>
            <time dateTime={entry.at.toISOString()} className="text-xs text-stone-600">
              {formatWib(entry.at)}
            </time>
          </li>
        ))}
      </ol>
    </Card>
  );
}
