import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { filterQuery, type OrderFilter } from "@/lib/admin/filter";
import type { OrderList } from "@/lib/admin/orders";

export function Pagination({ list, filter }: { list: OrderList; filter: OrderFilter }) {
  if (list.total === 0 && list.page === 1) return null;
  const previous = list.page > 1 ? `/admin${filterQuery(filter, { page: Math.min(list.page - 1, list.pageCount) })}` : null;
  const next = list.page < list.pageCount ? `/admin${filterQuery(filter, { page: list.page + 1 })}` : null;
  const disabled = buttonClass({ variant: "secondary", size: "sm", className: "pointer-events-none opacity-50" });
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 px-4 py-3 text-sm sm:px-5">
      {previous ? (
        <Link href={previous} rel="prev" className={buttonClass({ variant: "secondary", size: "sm" })}>
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          Previous
        </span>
      )}
      <span className="tabular-nums text-stone-600">
        Page {list.page} of {list.pageCount}
      </span>
      {next ? (
        <Link href={next} rel="next" className={buttonClass({ variant: "secondary", size: "sm" })}>
          Next
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          Next
        </span>
      )}
    </nav>
  );
}
