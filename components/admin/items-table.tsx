import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { AdminOrder, AdminOrderItem } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";

export function ItemsTable({
  items,
  order,
}: {
  items: AdminOrderItem[];
  order: Pick<AdminOrder, "subtotal" | "shippingTotal" | "total">;
}) {
  const t = useTranslations("admin.items");
  const foot = "border-b-0 text-right";
  return (
    <Card as="section" aria-label={t("label")}>
      <TableScroll label={t("scrollLabel")}>
        <Table data-testid="admin-items">
          <Caption>{t("label")}</Caption>
          <thead>
            <tr>
              <Th>{t("item")}</Th>
              <Th>{t("sku")}</Th>
              <Th numeric>{t("unitPrice")}</Th>
              <Th numeric>{t("quantity")}</Th>
              <Th numeric>{t("lineTotal")}</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <RowTh className="text-left font-normal">
                  {item.name}
                  {item.kind === "shipping" ? (
                    <span className="ml-1.5 text-xs text-stone-500">{t("shippingLine")}</span>
                  ) : null}
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
                {t("subtotal")}
              </RowTh>
              <Td numeric className={`${foot} pt-3`}>
                {formatRupiah(order.subtotal)}
              </Td>
            </tr>
            <tr>
              <RowTh colSpan={4} className={`${foot} font-normal text-stone-600`}>
                {t("shipping")}
              </RowTh>
              <Td numeric className={foot}>
                {formatRupiah(order.shippingTotal)}
              </Td>
            </tr>
            <tr>
              <RowTh colSpan={4} className={`${foot} pb-4 font-semibold`}>
                {t("total")}
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
