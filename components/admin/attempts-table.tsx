// One row per generate-order call. "Check status with DOKU" is offered on every attempt: DOKU
// is the source of truth, and the state rules decide what an answer may change.
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
                  Invoice
                </th>
                <th scope="col" className={th}>
                  Request-Id
                </th>
                <th scope="col" className={th}>
                  Kredivo order id
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
                    <th scope="row" className={`${td} ${mono} text-left font-semibold`}>
                      {attempt.invoiceNumber}
                      <span className="mt-0.5 block font-sans text-xs font-normal text-stone-500">
                        created {formatWib(attempt.createdAt, { seconds: true })}
                        {attempt.lastCheckedAt ? (
                          <>
                            <br />
                            checked {formatWib(attempt.lastCheckedAt, { seconds: true })}
                          </>
                        ) : null}
                      </span>
                    </th>
                    <td className={`${td} ${mono} text-stone-700`}>{attempt.requestId}</td>
                    <td className={`${td} ${mono} text-stone-700`}>{attempt.kredivoOrderId ?? "—"}</td>
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
