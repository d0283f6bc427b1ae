// One entry per generate-order call. "Check status with DOKU" is offered on every attempt: DOKU
// is the source of truth, and the state rules decide what an answer may change. A list rather
// than a table: an order has one to three attempts, and each one's long references (Request-Id,
// Kredivo order id) would push the button off a phone's screen in a table row.
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { ShopTime } from "@/components/ui/shop-time";
import { captionClass } from "@/components/ui/table";
import type { AdminAttempt } from "@/lib/admin/orders";
import { formatRupiah } from "@/lib/money";
import { CheckStatusForm, type CheckStatusAction } from "./check-status-form";
import { AttemptStatusBadge } from "./status-badge";

const reference = "break-all font-mono text-stone-800";

export function AttemptsList({
  orderId,
  attempts,
  checkStatusAction,
}: {
  orderId: number;
  attempts: AdminAttempt[];
  checkStatusAction: CheckStatusAction;
}) {
  const t = useTranslations("admin.attempts");
  return (
    <Card as="section" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading" className={captionClass}>
        {t("heading")}
      </h2>
      {attempts.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-stone-600 sm:px-5">{t("none")}</p>
      ) : (
        <ol
          className="divide-y divide-stone-100 border-t border-stone-200"
          data-testid="admin-attempts"
        >
          {attempts.map((attempt) => (
            <li
              key={attempt.id}
              data-testid="attempt-row"
              data-status={attempt.status}
              className="flex flex-col gap-3 px-4 py-3 sm:px-5 md:flex-row md:items-start md:justify-between md:gap-6"
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <h3 className="break-all font-mono text-sm font-semibold">
                    {attempt.invoiceNumber}
                  </h3>
                  <AttemptStatusBadge status={attempt.status} />
                  <span className="text-sm font-semibold tabular-nums">
                    {formatRupiah(attempt.amount)}
                  </span>
                </div>
                <dl className="mt-2 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-xs text-stone-600 lg:grid-cols-[6rem_1fr_6rem_1fr]">
                  <dt>{t("requestId")}</dt>
                  <dd className={reference}>{attempt.requestId}</dd>
                  <dt>{t("kredivoOrder")}</dt>
                  <dd className={reference}>{attempt.kredivoOrderId ?? "—"}</dd>
                  <dt>{t("created")}</dt>
                  <dd className="text-stone-800">
                    <ShopTime at={attempt.createdAt} seconds />
                  </dd>
                  <dt>{t("expires")}</dt>
                  <dd className="text-stone-800">
                    {attempt.expiresAt ? <ShopTime at={attempt.expiresAt} /> : "—"}
                  </dd>
                  {attempt.lastCheckedAt ? (
                    <>
                      <dt>{t("lastChecked")}</dt>
                      <dd className="text-stone-800">
                        <ShopTime at={attempt.lastCheckedAt} seconds />
                      </dd>
                    </>
                  ) : null}
                  {attempt.failureReason ? (
                    <>
                      <dt>{t("failureReason")}</dt>
                      <dd className="break-words text-red-800">{attempt.failureReason}</dd>
                    </>
                  ) : null}
                </dl>
              </div>
              {/* A fixed width beside the details, so every attempt's columns line up. */}
              <div className="md:w-72 md:shrink-0">
                <CheckStatusForm
                  orderId={orderId}
                  attemptId={attempt.id}
                  primary={attempt.status === "pending" || attempt.status === "creating"}
                  checkStatusAction={checkStatusAction}
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
