import type { AdminOrder, AdminOrderItem } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";
import { caption, num, table, tableWrap, td, th } from "./table";

export function ItemsTable({ items, order }: { items: AdminOrderItem[]; order: Pick<AdminOrder, "subtotal" | "shippingTotal" | "total"> }) {
  const foot = `${td} border-b-0 text-right`;
  return (
    <section aria-label="Items" className="rounded-2xl border border-stone-200 bg-white shadow-sm">
      <div className={tableWrap} tabIndex={0} role="region" aria-label="Items, scrolls sideways">
        <table className={table} data-testid="admin-items">
          <caption className={caption}>Items</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>
                Item
              </th>
              <th scope="col" className={th}>
                SKU
              </th>
              <th scope="col" className={`${th} text-right`}>
                Unit price
              </th>
              <th scope="col" className={`${th} text-right`}>
                Qty
              </th>
              <th scope="col" className={`${th} text-right`}>
                Line total
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  {item.name}
                  {item.kind === "shipping" ? <span className="ml-1.5 text-xs text-stone-500">(shipping)</span> : null}
                </th>
                <td className={`${td} whitespace-nowrap font-mono text-xs text-stone-600`}>{item.sku}</td>
                <td className={`${td} ${num}`}>{formatRupiah(item.unitPrice)}</td>
                <td className={`${td} ${num}`}>{item.quantity}</td>
                <td className={`${td} ${num}`}>{formatRupiah(item.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4} className={`${foot} pt-3 font-normal text-stone-600`}>
                Subtotal
              </th>
              <td className={`${foot} ${num} pt-3`}>{formatRupiah(order.subtotal)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className={`${foot} font-normal text-stone-600`}>
                Shipping
              </th>
              <td className={`${foot} ${num}`}>{formatRupiah(order.shippingTotal)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className={`${foot} pb-4 font-semibold`}>
                Total
              </th>
              <td className={`${foot} ${num} pb-4 font-semibold`} data-testid="admin-order-total">
                {formatRupiah(order.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
