// The shop's time zone: Indonesia has three, none with daylight saving, so each is a fixed offset
// from UTC. Every displayed time, the back office's day buckets and its revenue chart use the one
// SHOP_TIME_ZONE names (lib/env.ts). Pure: client components and tests import it.
export const shopTimeZones = {
  "Asia/Jakarta": { label: "WIB", offsetHours: 7 },
  "Asia/Makassar": { label: "WITA", offsetHours: 8 },
  "Asia/Jayapura": { label: "WIT", offsetHours: 9 },
} as const;

export type ShopTimeZone = keyof typeof shopTimeZones;
export const defaultShopTimeZone: ShopTimeZone = "Asia/Jakarta";
export const shopTimeZoneNames = Object.keys(shopTimeZones) as [ShopTimeZone, ...ShopTimeZone[]];

export function isShopTimeZone(value: unknown): value is ShopTimeZone {
  return typeof value === "string" && value in shopTimeZones;
}

/** WIB, WITA or WIT: what Indonesians write after a time. */
export function zoneLabel(zone: ShopTimeZone): string {
  return shopTimeZones[zone].label;
}

export function zoneOffsetMs(zone: ShopTimeZone): number {
  return shopTimeZones[zone].offsetHours * 60 * 60 * 1000;
}
