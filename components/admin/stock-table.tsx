// Every product's stock for staff: what is on sale now, and what unpaid orders hold (sold if they
// are paid, back on sale if they fail or expire). Low and sold-out counts carry a word, not only a colour.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { Tone } from "@/lib/format";
import { stockLevel } from "@/lib/stock/levels";
import type { StockRow } from "@/lib/stock/set-stock";

// Grouped as the shop groups rupiah (1.000), in either language.
const units = new Intl.NumberFormat("id-ID");

// What the shop shows for each level, as staff read it (admin.stock.*).
const STATE = {
  soldOut: ["soldOut", "bad"],
  low: ["low", "warn"],
  plenty: ["onSale", "good"],
} as const satisfies Record<string, [string, Tone]>;

export function StockTable({ rows }: { rows: StockRow[] }) {
  const t = useTranslations("admin.stock");
  return (
    <TableScroll label={t("scrollLabel")}>
      <Table data-testid="stock-table">
        <Caption>{t("caption")}</Caption>
        <thead>
          <tr>
            <Th>{t("product")}</Th>
            <Th numeric>{t("available")}</Th>
            <Th numeric>{t("held")}</Th>
            <Th numeric>{t("maxPerOrder")}</Th>
            <Th>{t("state")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const [state, tone] = row.active
              ? STATE[stockLevel(row.stock).kind]
              : (["inactive", "neutral"] as const);
            return (
              <tr
                key={row.slug}
                className="hover:bg-stone-50"
                data-testid="stock-row"
                data-slug={row.slug}
              >
                <RowTh className="min-w-52 text-left font-normal">
                  <span className="font-medium">{row.name}</span>
                  <span className="block font-mono text-xs text-stone-600">{row.slug}</span>
                </RowTh>
                <Td numeric className="font-semibold" data-testid="stock-available">
                  {units.format(row.stock)}
                </Td>
                <Td numeric className="text-stone-700" data-testid="stock-held">
                  {units.format(row.held)}
                </Td>
                <Td numeric className="text-stone-700" data-testid="stock-max-per-order">
                  {row.maxPerOrder === null ? t("noMax") : units.format(row.maxPerOrder)}
                </Td>
                <Td className="whitespace-nowrap">
                  <Badge tone={tone}>{t(state)}</Badge>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </TableScroll>
  );
}
