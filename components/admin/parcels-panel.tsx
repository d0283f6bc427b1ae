// The back office's parcels of an order: per seller, its items, state, current tracking number
// with the courier's page, every earlier number (a correction keeps them), and the forms staff
// use on it (components/admin/parcel-forms.tsx); then the order's fulfilment and "mark completed".
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ParcelDates } from "@/components/ui/parcel-dates";
import { ShopTime } from "@/components/ui/shop-time";
import type { FulfilmentState } from "@/lib/db/schema/values";
import { PARCEL_TONE } from "@/lib/format";
import type { ParcelView } from "@/lib/fulfilment/queries";
import { CompleteOrderForm, ParcelForms, type ParcelAction } from "./parcel-forms";

export function ParcelsPanel({
  orderId,
  fulfilment,
  completedAt,
  completeAfterDays,
  parcels,
  actions,
}: {
  orderId: number;
  fulfilment: FulfilmentState | null;
  completedAt: Date | null;
  completeAfterDays: number;
  parcels: ParcelView[];
  actions: {
    ship: ParcelAction;
    correct: ParcelAction;
    deliver: ParcelAction;
    complete: ParcelAction;
  };
}) {
  const t = useTranslations("admin.parcels");
  return (
    <Card
      as="section"
      aria-labelledby="parcels-heading"
      className="p-4 sm:p-5"
      data-testid="parcels"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="parcels-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        {fulfilment ? (
          <Badge
            tone={fulfilment === "completed" || fulfilment === "delivered" ? "good" : "neutral"}
          >
            {t("fulfilment", { state: t(`fulfilmentStates.${fulfilment}`) })}
          </Badge>
        ) : null}
        {completedAt ? (
          <span className="text-sm text-stone-600">
            {t("completedAt")} <ShopTime at={completedAt} />
          </span>
        ) : null}
      </div>
      {parcels.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{t("none")}</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {parcels.map((parcel) => {
            const earlier = parcel.history.filter((h) => h.replacedAt !== null);
            return (
              <li
                key={parcel.id}
                className="rounded-lg border border-stone-200 p-3 sm:p-4"
                data-testid="parcel"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="text-sm font-semibold">
                    {t("parcel", { seller: parcel.seller })}
                  </h3>
                  <Badge tone={PARCEL_TONE[parcel.state]}>{t(`states.${parcel.state}`)}</Badge>
                </div>
                {parcel.digital ? (
                  <p className="mt-1 text-sm text-stone-600">{t("digital")}</p>
                ) : null}
                <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
                  <dt className="text-stone-600">{t("items")}</dt>
                  <dd>
                    <ul>
                      {parcel.items.map((item, i) => (
                        <li key={i}>
                          {t("itemLine", { quantity: item.quantity, name: item.name })}
                        </li>
                      ))}
                    </ul>
                  </dd>
                  {parcel.trackingNumber ? (
                    <>
                      <dt className="text-stone-600">{t("current")}</dt>
                      <dd data-testid="parcel-tracking">
                        <span>{parcel.courierName}</span>{" "}
                        <span className="font-mono font-semibold">{parcel.trackingNumber}</span>
                        {parcel.link ? (
                          <>
                            {" · "}
                            <a
                              href={parcel.link.url}
                              rel="noopener noreferrer"
                              target="_blank"
                              className="rounded text-brand-700 underline underline-offset-4"
                            >
                              {t("trackLink")}
                            </a>
                          </>
                        ) : null}
                      </dd>
                    </>
                  ) : null}
                  <ParcelDates
                    shippedAt={parcel.shippedAt}
                    deliveredAt={parcel.deliveredAt}
                    labels={{ shippedAt: t("shippedAt"), deliveredAt: t("deliveredAt") }}
                  />
                  {earlier.length > 0 ? (
                    <>
                      <dt className="text-stone-600">{t("earlier")}</dt>
                      <dd>
                        <ul data-testid="parcel-earlier">
                          {earlier.map((h, i) => (
                            <li key={i}>
                              <span>{h.courierName}</span>{" "}
                              <s className="font-mono">{h.trackingNumber}</s>{" "}
                              <span className="text-xs text-stone-500">
                                {h.recordedByName
                                  ? `${t("recordedBy", { name: h.recordedByName })} · `
                                  : null}
                                {t("replaced")} <ShopTime at={h.replacedAt!} />
                              </span>
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  ) : null}
                </dl>
                <div className="mt-3">
                  <ParcelForms
                    orderId={orderId}
                    parcel={{
                      id: parcel.id,
                      state: parcel.state,
                      digital: parcel.digital,
                      courier: parcel.courier,
                      trackingNumber: parcel.trackingNumber,
                      otherUrl: parcel.otherUrl,
                    }}
                    shipAction={actions.ship}
                    correctAction={actions.correct}
                    deliverAction={actions.deliver}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {fulfilment === "delivered" ? (
        <div className="mt-4 space-y-1">
          <CompleteOrderForm orderId={orderId} completeAction={actions.complete} />
          <p className="text-xs text-stone-600">{t("completeHint", { days: completeAfterDays })}</p>
        </div>
      ) : null}
    </Card>
  );
}
