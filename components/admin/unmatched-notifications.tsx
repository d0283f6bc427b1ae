import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { UnmatchedNotification } from "@/lib/admin/unmatched";
import { formatRupiah } from "@/lib/money";
import { formatWib } from "@/lib/format";

/** Shown only while there is something to review. The page passes the "Mark reviewed" action. */
export function UnmatchedNotifications({
  list,
  markUnmatchedReviewedAction,
}: {
  list: { rows: UnmatchedNotification[]; total: number };
  markUnmatchedReviewedAction: (formData: FormData) => Promise<void>;
}) {
  if (list.total === 0) return null;
  return (
    <section aria-labelledby="unmatched-heading" className="rounded-2xl border border-amber-300 bg-amber-50 shadow-sm" data-testid="unmatched">
      <div className="px-4 pt-4 sm:px-5">
        <h2 id="unmatched-heading" className="text-lg font-semibold text-stone-900">
          Signed notifications without an order ({list.total})
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-700">
          DOKU signed these, but their invoice matches no payment here, so they changed nothing. If money was taken, find
          the payment in DOKU&apos;s dashboard by its invoice, then mark the notification reviewed.
        </p>
      </div>
      <TableScroll label="Notifications without an order, scrolls sideways">
        <Table>
          <caption className="sr-only">Signed notifications without an order, newest first</caption>
          <thead>
            <tr>
              <Th>Received</Th>
              <Th>Invoice</Th>
              <Th numeric>Amount</Th>
              <Th>Outcome</Th>
              <Th>Request-Id</Th>
              <Th>
                <span className="sr-only">Action</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="unmatched-row">
                <Td className="whitespace-nowrap">{formatWib(row.receivedAt, { seconds: true })}</Td>
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
                    <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
                      Mark reviewed
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
          Showing the newest {list.rows.length} of {list.total}.
        </p>
      ) : null}
    </section>
  );
}
