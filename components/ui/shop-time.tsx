// A time as the shop shows it: in the shopper's language and the shop's zone (SHOP_TIME_ZONE),
// with WIB / WITA / WIT after it. Works in server and client components alike.
import { useLocale, useTimeZone } from "next-intl";
import { formatShopTime } from "@/lib/format";
import { defaultShopTimeZone, isShopTimeZone } from "@/lib/time-zone";

export function useShopTimeZone() {
  const zone = useTimeZone();
  return isShopTimeZone(zone) ? zone : defaultShopTimeZone;
}

export function ShopTime({
  at,
  seconds = false,
  className,
}: {
  at: Date;
  seconds?: boolean;
  className?: string;
}) {
  const locale = useLocale();
  const zone = useShopTimeZone();
  return (
    <time dateTime={at.toISOString()} className={className}>
      {formatShopTime(at, locale, zone, { seconds })}
    </time>
  );
}
