import { useTranslations } from "next-intl";
import { ShopTime } from "@/components/ui/shop-time";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { UnmatchedNotification } from "@/lib/admin/unmatched";
import { formatRupiah } from "@/lib/money";

/** Shown only while there is something to review. The page passes the "Mark reviewed" action. */
export function UnmatchedNotifications({
  list,
  markUnmatchedReviewedAction,
}: {
  list: { rows: UnmatchedNotification[]; total: number };
  markUnmatchedReviewedAction: (formData: FormData) => Promise<void>;
}) {
  const t = useTranslations("admin.unmatched");
  const review = useTranslations("admin.review");
  if (list.total === 0) return null;
  return (
    <section
      aria-labelledby="unmatched-heading"
      className="rounded-2xl border border-amber-300 bg-amber-50 shadow-sm"
      data-testid="unmatched"
    >
      <div className="px-4 pt-4 sm:px-5">
        <h2 id="unmatched-heading" className="text-lg font-semibold text-stone-900">
          {t("heading", { total: list.total })}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-700">{t("body")}</p>
      </div>
      <TableScroll label={t("scrollLabel")}>
        <Table>
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <Th>{t("received")}</Th>
              <Th>{t("invoice")}</Th>
              <Th numeric>{t("amount")}</Th>
              <Th>{t("outcome")}</Th>
              <Th>{t("requestId")}</Th>
              <Th>
                <span className="sr-only">{t("action")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="unmatched-row">
                <Td className="whitespace-nowrap">
                  <ShopTime at={row.receivedAt} seconds />
                </Td>
                <Td className="font-mono text-xs">{row.invoice ?? "—"}</Td>
                <Td numeric>{row.amount === null ? "—" : formatRupiah(row.amount)}</Td>
                <Td className="font-mono text-xs">
                  {row.outcome}
                  {row.httpStatus ? ` (${row.httpStatus})` : ""}
                </Td>
                <Td className="break-all font-mono text-xs">{row.requestId ?? "—"}</Td>
                <Td>
                  <form action={markUnmatchedReviewedAction}>
                    <input type="hidden" name="eventId" value={row.id} />
                    <SubmitButton size="sm" variant="secondary" pendingLabel={review("saving")}>
                      {review("markReviewed")}
                    </SubmitButton>
                  </form>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </TableScroll>
      {list.total > list.rows.length ? (
        <p className="px-4 py-3 text-sm text-stone-700 sm:px-5">
          {t("showing", { shown: list.rows.length, total: list.total })}
        </p>
      ) : null}
    </section>
  );
}
