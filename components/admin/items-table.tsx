import { Card } from "@/components/ui/card";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { AdminOrder, AdminOrderItem } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";

export function ItemsTable({ items, order }: { items: AdminOrderItem[]; order: Pick<AdminOrder, "subtotal" | "shippingTotal" | "total"> }) {
  const foot = "border-b-0 text-right";
  return (
    <Card as="section" aria-label="Items">
      <TableScroll label="Items, scrolls sideways">
        <Table data-testid="admin-items">
          <Caption>Items</Caption>
          <thead>
            <tr>
              <Th>Item</Th>
              <Th>SKU</Th>
              <Th numeric>Unit price</Th>
              <Th numeric>Qty</Th>
              <Th numeric>Line total</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <RowTh className="text-left font-normal">
                  {item.name}
                  {item.kind === "shipping" ? <span className="ml-1.5 text-xs text-stone-500">(shipping)</span> : null}
                </RowTh>
                <Td className="whitespace-nowrap font-mono text-xs text-stone-600">{item.sku}</Td>
                <Td numeric>{formatRupiah(item.unitPrice)}</Td>
                <Td numeric>{item.quantity}</Td>
                <Td numeric>{formatRupiah(item.lineTotal)}</Td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <RowTh colSpan={4} className={`${foot} pt-3 font-normal text-stone-600`}>
                Subtotal
              </RowTh>
              <Td numeric className={`${foot} pt-3`}>
                {formatRupiah(order.subtotal)}
              </Td>
            </tr>
            <tr>
              <RowTh colSpan={4} className={`${foot} font-normal text-stone-600`}>
                Shipping
              </RowTh>
              <Td numeric className={foot}>
                {formatRupiah(order.shippingTotal)}
              </Td>
            </tr>
            <tr>
              <RowTh colSpan={4} className={`${foot} pb-4 font-semibold`}>
                Total
              </RowTh>
              <Td numeric className={`${foot} pb-4 font-semibold`} data-testid="admin-order-total">
                {formatRupiah(order.total)}
              </Td>
            </tr>
          </tfoot>
        </Table>
      </TableScroll>
    </Card>
  );
}
