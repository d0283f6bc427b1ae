// The shopper's parcels on their order page: who sends what, where it is, and, once shipped, the
// courier, the tracking number (copyable) and a link to the courier's tracking page.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ParcelDates } from "@/components/ui/parcel-dates";
import { PARCEL_TONE } from "@/lib/format";
import type { ParcelView } from "@/lib/fulfilment/queries";
import { CopyButton } from "./copy-button";

export function OrderParcels({ parcels }: { parcels: ParcelView[] }) {
  const t = useTranslations("shop.parcels");
  if (parcels.length === 0) return null;
  return (
    <Card as="section" aria-labelledby="parcels-heading" className="p-5 sm:p-6">
      <h2 id="parcels-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <ul className="mt-4 space-y-4" data-testid="shopper-parcels">
        {parcels.map((parcel) => (
          <li
            key={parcel.id}
            className="rounded-lg border border-stone-200 p-4"
            data-testid="shopper-parcel"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium">{t("parcel", { seller: parcel.seller })}</h3>
              <Badge tone={PARCEL_TONE[parcel.state]}>{t(`states.${parcel.state}`)}</Badge>
            </div>
            {parcel.digital ? <p className="mt-1 text-sm text-stone-600">{t("digital")}</p> : null}
            <p className="sr-only">{t("items")}</p>
            <ul className="mt-2 text-sm text-stone-700">
              {parcel.items.map((item, i) => (
                <li key={i}>{t("itemLine", { quantity: item.quantity, name: item.name })}</li>
              ))}
            </ul>
            {parcel.trackingNumber && parcel.state !== "cancelled" ? (
              <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
                <dt className="text-stone-600">{t("courier")}</dt>
                <dd className="font-medium">{parcel.courierName}</dd>
                <dt className="text-stone-600">{t("trackingNumber")}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <span
                    className="select-all font-mono font-semibold tracking-wide"
                    data-testid="tracking-number"
                  >
                    {parcel.trackingNumber}
                  </span>
                  <CopyButton
                    value={parcel.trackingNumber}
                    words={{
                      copy: t("copy"),
                      copied: t("copied"),
                      label: t("copyLabel", { number: parcel.trackingNumber }),
                    }}
                  />
                </dd>
                <ParcelDates
                  shippedAt={parcel.shippedAt}
                  deliveredAt={parcel.deliveredAt}
                  labels={{ shippedAt: t("shippedAt"), deliveredAt: t("deliveredAt") }}
                />
              </dl>
            ) : null}
            {parcel.link && parcel.state !== "cancelled" ? (
              <p className="mt-3 text-sm">
                <a
                  href={parcel.link.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="rounded font-medium text-brand-700 underline underline-offset-4"
                  data-testid="tracking-link"
                >
                  {t("track", { courier: parcel.courierName ?? "" })}
                  <span className="sr-only"> {t("trackNewTab")}</span>
                </a>
                {parcel.link.perNumber ? null : (
                  <span className="block text-xs text-stone-600">{t("pasteNumber")}</span>
                )}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
