// A parcel's shipped and delivered times, as `<dt>`/`<dd>` pairs inside the caller's `<dl>`: the
// shopper's order page and the back office show them alike, each in its own words.
import { ShopTime } from "./shop-time";

export function ParcelDates({
  shippedAt,
  deliveredAt,
  labels,
}: {
  shippedAt: Date | null;
  deliveredAt: Date | null;
  labels: { shippedAt: string; deliveredAt: string };
}) {
  return (
    <>
      {shippedAt ? (
        <>
          <dt className="text-stone-600">{labels.shippedAt}</dt>
          <dd>
            <ShopTime at={shippedAt} />
          </dd>
        </>
      ) : null}
      {deliveredAt ? (
        <>
          <dt className="text-stone-600">{labels.deliveredAt}</dt>
          <dd>
            <ShopTime at={deliveredAt} />
          </dd>
        </>
      ) : null}
    </>
  );
}
