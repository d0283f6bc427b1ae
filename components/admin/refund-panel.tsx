// The order page's cancel-and-refund panel: paid, refunded and net; the cancel a role may use;
// the owner's refund form; each requested refund with what to do in DOKU's Back Office (DOKU
// publishes no refund API for Kredivo), the invoice number and amount to quote and the days left
// of the refund window (a warning past it, never a refusal); and the completed ones. Staff see it
// all read-only; the server refuses their owner actions regardless (lib/admin/admin-action.ts).
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ShopTime } from "@/components/ui/shop-time";
import type { AdminOrder, AdminOrderItem } from "@/lib/admin/orders";
import type { UserRole } from "@/lib/db/schema/values";
import { formatRupiah } from "@/lib/money";
import type { RefundRow } from "@/lib/refunds/queries";
import { orderNet, refundableAmount, refundWindowDaysLeft } from "@/lib/refunds/refundable";
import { REPORTED_BY_DOKU } from "@/lib/refunds/reported-reason";
import {
  CancelOrderForm,
  ConfirmRefundForm,
  RefundForm,
  type RefundPanelAction,
} from "./refund-forms";

export interface RefundPanelActions {
  cancelUnpaid: RefundPanelAction;
  cancelPaid: RefundPanelAction;
  requestRefund: RefundPanelAction;
  confirmRefund: RefundPanelAction;
}

export function RefundMoney({
  order,
}: {
  order: Pick<AdminOrder, "status" | "total" | "paidAt" | "refundedTotal">;
}) {
  const t = useTranslations("admin.refunds.money");
  const paid = order.paidAt !== null;
  const facts: [string, string, string][] = paid
    ? [
        ["paid", t("paid"), formatRupiah(order.total)],
        ["refunded", t("refunded"), formatRupiah(order.refundedTotal)],
        ["net", t("net"), formatRupiah(orderNet(order))],
      ]
    : [["paid", t("paid"), t("notPaid")]];
  return (
    <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm" data-testid="refund-money">
      {facts.map(([key, label, value]) => (
        <div key={key} data-testid={`money-${key}`}>
          <dt className="text-stone-600">{label}</dt>
          <dd className="text-base font-semibold tabular-nums text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RefundPanel({
  order,
  items,
  refunds,
  role,
  shipped,
  windowDays,
  now,
  actions,
}: {
  order: AdminOrder;
  items: AdminOrderItem[];
  refunds: RefundRow[];
  role: UserRole;
  shipped: boolean;
  windowDays: number;
  now: Date;
  actions: RefundPanelActions;
}) {
  const t = useTranslations("admin.refunds");
  const tc = useTranslations("admin.cancel");
  const owner = role === "owner";
  const unpaid = ["pending", "failed", "expired"].includes(order.status);
  const paid = order.status === "paid";
  const requested = refunds.filter((r) => r.state === "requested");
  const completed = refunds.filter((r) => r.state === "completed");
  const refundable = refundableAmount(order.total, refunds);
  const daysLeft = order.paidAt ? refundWindowDaysLeft(order.paidAt, windowDays, now) : null;

  return (
    <Card
      as="section"
      aria-labelledby="refunds-heading"
      className="space-y-5 p-4 sm:p-5"
      data-testid="refund-panel"
    >
      <h2 id="refunds-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <RefundMoney order={order} />
      {!owner && paid ? (
        <Alert tone="info" role={null} testId="refund-read-only" compact>
          {t("readOnly")}
        </Alert>
      ) : null}

      {order.cancelledAt ? (
        <p className="text-sm font-medium text-stone-800" data-testid="order-cancelled">
          {tc("cancelledNote")} <ShopTime at={order.cancelledAt} />
        </p>
      ) : null}
      {unpaid ? (
        <CancelOrderForm
          orderId={order.id}
          kind="unpaid"
          amount={order.total}
          action={actions.cancelUnpaid}
        />
      ) : null}
      {paid && !order.cancelledAt ? (
        shipped ? (
          <p className="text-sm text-stone-700" data-testid="cancel-shipped">
            {tc("paid.shipped")}
          </p>
        ) : owner ? (
          <CancelOrderForm
            orderId={order.id}
            kind="paid"
            amount={refundable}
            action={actions.cancelPaid}
          />
        ) : (
          <p className="text-sm text-stone-700">{tc("paid.ownerOnly")}</p>
        )
      ) : null}

      {owner && paid && refundable > 0 ? (
        <RefundForm
          orderId={order.id}
          total={order.total}
          items={items.map((i) => ({
            id: i.id,
            kind: i.kind,
            unitPrice: i.unitPrice,
            quantity: i.quantity,
            name: i.name,
          }))}
          refunds={refunds.map((r) => ({ state: r.state, amount: r.amount, lines: r.lines }))}
          action={actions.requestRefund}
        />
      ) : null}

      {requested.length > 0 ? (
        <section aria-labelledby="refunds-requested-heading" className="space-y-3">
          <h3 id="refunds-requested-heading" className="text-base font-semibold">
            {t("requested.heading")}
          </h3>
          <ul className="space-y-3">
            {requested.map((refund) => (
              <li
                key={refund.id}
                className="rounded-lg border border-amber-200 bg-amber-50/50 p-3 text-sm"
                data-testid={`refund-requested-${refund.id}`}
              >
                <p className="font-semibold">
                  {t("requested.amount", { amount: formatRupiah(refund.amount) })}
                </p>
                <p className="text-stone-700">
                  {t("requested.byOn", { name: refund.requestedByName ?? "—" })} ·{" "}
                  <ShopTime at={refund.createdAt} />
                </p>
                <p className="text-stone-700">{t("requested.reason", { reason: refund.reason })}</p>
                {refund.restock ? (
                  <p className="text-stone-700">{t("requested.restocked")}</p>
                ) : null}
                <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
                  <div>
                    <dt className="text-stone-600">{t("requested.invoice")}</dt>
                    <dd className="font-mono" data-testid="refund-invoice">
                      {refund.invoiceNumber}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-stone-600">{t("requested.quote")}</dt>
                    <dd className="font-semibold tabular-nums" data-testid="refund-quote">
                      {formatRupiah(refund.amount)}
                    </dd>
                  </div>
                </dl>
                {daysLeft !== null ? (
                  daysLeft >= 0 ? (
                    <p className="mt-2 text-stone-700" data-testid="refund-window">
                      {t("requested.daysLeft", { days: daysLeft, window: windowDays })}
                    </p>
                  ) : (
                    <Alert
                      tone="warning"
                      role={null}
                      testId="refund-window-past"
                      compact
                      className="mt-2"
                    >
                      {t("requested.pastWindow", { days: -daysLeft, window: windowDays })}
                    </Alert>
                  )
                ) : null}
                <h4 className="mt-3 font-semibold">{t("requested.stepsHeading")}</h4>
                <ol
                  className="mt-1 list-decimal space-y-1 pl-5 text-stone-800"
                  data-testid="refund-steps"
                >
                  <li>{t("requested.step1")}</li>
                  <li>{t("requested.step2", { invoice: refund.invoiceNumber })}</li>
                  <li>{t("requested.step3", { amount: formatRupiah(refund.amount) })}</li>
                  <li data-testid="refund-step-complete">
                    {refunds.some((r) => r.id < refund.id)
                      ? t("requested.step4Later")
                      : t("requested.step4")}
                  </li>
                </ol>
                {owner ? (
                  <ConfirmRefundForm
                    orderId={order.id}
                    refundId={refund.id}
                    action={actions.confirmRefund}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {completed.length > 0 ? (
        <section aria-labelledby="refunds-completed-heading" className="space-y-2">
          <h3 id="refunds-completed-heading" className="text-base font-semibold">
            {t("completed.heading")}
          </h3>
          <ul className="space-y-2 text-sm">
            {completed.map((refund) => (
              <li key={refund.id} data-testid={`refund-completed-${refund.id}`}>
                <p className="font-semibold">
                  {t("completed.line", {
                    amount: formatRupiah(refund.amount),
                    invoice: refund.invoiceNumber,
                  })}
                </p>
                <p className="text-stone-700">
                  {t("completed.via", {
                    via: refund.completedVia ?? "owner",
                    name: refund.completedByName ?? "—",
                    reference: refund.providerReference ?? "—",
                  })}
                  {refund.completedAt ? (
                    <>
                      {" · "}
                      <ShopTime at={refund.completedAt} />
                    </>
                  ) : null}
                </p>
                {refund.reason === REPORTED_BY_DOKU && refund.requestedById === null ? (
                  <p className="text-stone-600">{t("completed.reportedByDoku")}</p>
                ) : (
                  <p className="text-stone-600">
                    {t("requested.reason", { reason: refund.reason })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
