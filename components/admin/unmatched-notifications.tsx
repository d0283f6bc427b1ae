import { markUnmatchedReviewedAction } from "@/app/admin/(office)/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UnmatchedNotification } from "@/lib/admin/unmatched";
import { formatRupiah } from "@/lib/money";
import { formatWib } from "./format";
import { num, table, tableWrap, td, th } from "./table";

/** Shown only while there is something to review. */
export function UnmatchedNotifications({ list }: { list: { rows: UnmatchedNotification[]; total: number } }) {
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
      <div className={tableWrap} tabIndex={0} role="region" aria-label="Notifications without an order, scrolls sideways">
        <table className={table}>
          <caption className="sr-only">Signed notifications without an order, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Received</th>
              <th scope="col" className={th}>Invoice</th>
              <th scope="col" className={`${th} text-right`}>Amount</th>
              <th scope="col" className={th}>Outcome</th>
              <th scope="col" className={th}>Request-Id</th>
              <th scope="col" className={th}>
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} data-testid="unmatched-row">
                <td className={`${td} whitespace-nowrap`}>{formatWib(row.receivedAt, { seconds: true })}</td>
                <td className={`${td} font-mono text-xs`}>{row.invoice ?? "—"}</td>
                <td className={`${td} ${num}`}>{row.amount === null ? "—" : formatRupiah(row.amount)}</td>
                <td className={`${td} font-mono text-xs`}>
                  {row.outcome}
                  {row.httpStatus ? ` (${row.httpStatus})` : ""}
                </td>
                <td className={`${td} break-all font-mono text-xs`}>{row.requestId ?? "—"}</td>
                <td className={td}>
                  <form action={markUnmatchedReviewedAction}>
                    <input type="hidden" name="eventId" value={row.id} />
                    <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
                      Mark reviewed
                    </SubmitButton>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.total > list.rows.length ? (
        <p className="px-4 py-3 text-sm text-stone-700 sm:px-5">
          Showing the newest {list.rows.length} of {list.total}.
        </p>
      ) : null}
    </section>
  );
}
