// One row per generate-order call. "Check status with DOKU" is offered on every attempt: DOKU
// is the source of truth, and the state rules decide what an answer may change. The long
// references share the first column, so the row (and its button) fits a desktop screen.
import type { AdminAttempt } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";
import { CheckStatusForm } from "./check-status-form";
import { formatWib } from "./format";
import { AttemptStatusBadge } from "./status-badge";
import { caption, num, table, tableWrap, td, th } from "./table";

const mono = "whitespace-nowrap font-mono text-xs";

export function AttemptsTable({ orderId, attempts }: { orderId: number; attempts: AdminAttempt[] }) {
  return (
    <section aria-label="Payment attempts" className="rounded-2xl border border-stone-200 bg-white shadow-sm">
      {attempts.length === 0 ? (
        <>
          <h2 className={caption}>Payment attempts</h2>
          <p className="px-4 pb-4 text-sm text-stone-600 sm:px-5">No payment was started for this order.</p>
        </>
      ) : (
        <div className={tableWrap} tabIndex={0} role="region" aria-label="Payment attempts, scrolls sideways">
          <table className={table} data-testid="admin-attempts">
            <caption className={caption}>Payment attempts</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Invoice and references
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Amount
                </th>
                <th scope="col" className={th}>
                  Expiry (WIB)
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  Failure reason
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((attempt) => {
                return (
                  <tr key={attempt.id} data-testid="attempt-row" data-status={attempt.status}>
                    <th scope="row" className={`${td} min-w-72 text-left font-normal`}>
                      <span className={`${mono} font-semibold`}>{attempt.invoiceNumber}</span>
                      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-stone-600">
                        <dt>Request-Id</dt>
                        <dd className="break-all font-mono text-stone-700">{attempt.requestId}</dd>
                        <dt>Kredivo order</dt>
                        <dd className="break-all font-mono text-stone-700">{attempt.kredivoOrderId ?? "—"}</dd>
                        <dt>Created</dt>
                        <dd>{formatWib(attempt.createdAt, { seconds: true })}</dd>
                        {attempt.lastCheckedAt ? (
                          <>
                            <dt>Checked</dt>
                            <dd>{formatWib(attempt.lastCheckedAt, { seconds: true })}</dd>
                          </>
                        ) : null}
                      </dl>
                    </th>
                    <td className={`${td} ${num}`}>{formatRupiah(attempt.amount)}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>
                      {attempt.expiresAt ? <time dateTime={attempt.expiresAt.toISOString()}>{formatWib(attempt.expiresAt).replace(" WIB", "")}</time> : "—"}
                    </td>
                    <td className={td}>
                      <AttemptStatusBadge status={attempt.status} />
                    </td>
                    <td className={`${td} min-w-40 max-w-72 break-words text-stone-700`}>{attempt.failureReason ?? "—"}</td>
                    <td className={td}>
                      <CheckStatusForm
                        orderId={orderId}
                        attemptId={attempt.id}
                        primary={attempt.status === "pending" || attempt.status === "creating"}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
