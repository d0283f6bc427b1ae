import Link from "next/link";
import type { OrderList } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";
import { formatWib, orderReference } from "./format";
import { NeedsReviewBadge, OrderStatusBadge } from "./status-badge";
import { caption, num, table, tableWrap, td, th } from "./table";

export function OrdersTable({ list, filtered }: { list: OrderList; filtered: boolean }) {
  if (list.rows.length === 0) {
    return (
      <div className="px-4 py-12 text-center sm:px-5" data-testid="orders-empty">
        <p className="font-semibold">
          {list.total > 0 ? "No orders on this page." : filtered ? "No orders match these filters." : "No orders yet."}
        </p>
        <p className="mt-1 text-sm text-stone-600">
          {filtered ? (
            <Link href="/admin" className="font-medium text-brand-700 underline underline-offset-4">
              Show all orders
            </Link>
          ) : (
            "Orders appear here as soon as a shopper checks out."
          )}
        </p>
      </div>
    );
  }
  const first = (list.page - 1) * list.pageSize + 1;
  const last = first + list.rows.length - 1;
  return (
    <div className={tableWrap} tabIndex={0} role="region" aria-label="Orders, scrolls sideways">
      <table className={table} data-testid="orders-table">
        <caption className={caption}>
          Orders, newest first{" "}
          <span className="font-normal tabular-nums text-stone-600">
            · {first}–{last} of {list.total}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className={th}>
              Date (WIB)
            </th>
            <th scope="col" className={th}>
              Order
            </th>
            <th scope="col" className={th}>
              Customer
            </th>
            <th scope="col" className={th}>
              Email
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} text-right`}>
              Total
            </th>
            <th scope="col" className={th}>
              Latest invoice
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Review</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr key={row.id} className="hover:bg-stone-50" data-testid="order-row">
              <td className={`${td} whitespace-nowrap tabular-nums text-stone-700`}>
                <time dateTime={row.createdAt.toISOString()}>{formatWib(row.createdAt).replace(" WIB", "")}</time>
              </td>
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={`/admin/orders/${row.id}`} className="rounded font-mono font-semibold text-brand-700 underline-offset-4 hover:underline">
                  {orderReference(row.token)}
                </Link>
              </th>
              <td className={`${td} whitespace-nowrap`}>{row.customerName}</td>
              <td className={`${td} max-w-56 truncate text-stone-700`} title={row.email}>
                {row.email}
              </td>
              <td className={td}>
                <OrderStatusBadge status={row.status} />
              </td>
              <td className={`${td} ${num} font-medium`}>{formatRupiah(row.total)}</td>
              <td className={`${td} whitespace-nowrap font-mono text-xs text-stone-700`}>{row.latestInvoice ?? "—"}</td>
              <td className={td}>{row.unreviewedFlags > 0 ? <NeedsReviewBadge count={row.unreviewedFlags} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
