// The Indonesian couriers a parcel can be shipped with, their public tracking pages and the shape
// of their tracking numbers (resi). Pure: the ship form checks with it in the browser, the server
// checks again, and the shopper's order page and the shipping email build the tracking link from it.
//
// The shapes are deliberately loose readings of numbers seen on real labels (length and
// characters), not the couriers' own specifications, which none publishes: a rule that refused a
// real resi would stop staff from shipping, so each accepts more than it should rather than less.
// The tracking pages were read from each courier's public site; where a page takes no number in
// its address, the page itself is linked and the shopper pastes the number (the order page and the
// email show it with a copy button).

export const courierCodes = [
  "jne",
  "jnt",
  "sicepat",
  "anteraja",
  "pos",
  "ninja",
  "lion",
  "idexpress",
  "sap",
  "gosend",
  "grabexpress",
  "other",
] as const;
export type CourierCode = (typeof courierCodes)[number];

/** The longest tracking number kept (parcels.tracking_number's CHECK). */
export const TRACKING_NUMBER_MAX = 64;
/** The longest tracking URL kept for "other" (parcels.tracking_url's CHECK). */
export const TRACKING_URL_MAX = 2048;

export interface Courier {
  code: CourierCode;
  /** The courier's own name, the same in both languages. */
  name: string;
  /** What a tracking number of this courier looks like, upper-cased; null: anything the general rule allows. */
  shape: RegExp | null;
  /** The page where the shopper follows the parcel; `perNumber` when the number is part of it. */
  tracking: ((number: string) => string) | null;
  perNumber: boolean;
}

const page = (url: string) => ({ tracking: () => url, perNumber: false });
const withNumber = (build: (n: string) => string) => ({ tracking: build, perNumber: true });
const q = encodeURIComponent;

export const couriers: Record<CourierCode, Courier> = {
  // JNE airway bills: 10 to 16 digits on most labels, some carry letters (reading).
  jne: {
    code: "jne",
    name: "JNE",
    shape: /^[A-Z0-9]{8,20}$/,
    ...page("https://www.jne.co.id/tracking-package"),
  },
  // J&T Express: "JP"/"JD"/"JX" + 10 digits, or 12 digits (reading).
  jnt: {
    code: "jnt",
    name: "J&T Express",
    shape: /^[A-Z]{0,3}[0-9]{8,15}$/,
    ...page("https://jet.co.id/track"),
  },
  // SiCepat: 12 digits, typically starting 00 (reading); 10 to 16 allowed.
  sicepat: {
    code: "sicepat",
    name: "SiCepat",
    shape: /^[0-9]{10,16}$/,
    ...page("https://www.sicepat.com/checkAwb"),
  },
  // AnterAja: 13 to 15 digits, typically starting 1000 or 11 (reading); 10 to 18 allowed.
  anteraja: {
    code: "anteraja",
    name: "AnterAja",
    shape: /^[0-9]{10,18}$/,
    ...page("https://anteraja.id/tracking"),
  },
  // Pos Indonesia: 13 characters domestic (e.g. P2201…) or UPU S10 (RR123456789ID) (reading).
  pos: {
    code: "pos",
    name: "Pos Indonesia",
    shape: /^[A-Z0-9]{10,20}$/,
    ...page("https://www.posindonesia.co.id/id/tracking"),
  },
  // Ninja Xpress: letters then digits, e.g. NLIDAP… or NVID… (reading); its page takes `?id=`.
  ninja: {
    code: "ninja",
    name: "Ninja Xpress",
    shape: /^[A-Z0-9]{8,30}$/,
    ...withNumber((n) => `https://www.ninjaxpress.co/id-id/tracking?id=${q(n)}`),
  },
  // Lion Parcel STT numbers: digits with "LP" inside, sometimes dashes (reading).
  lion: {
    code: "lion",
    name: "Lion Parcel",
    shape: /^[A-Z0-9-]{8,30}$/,
    ...page("https://lionparcel.com/track/stt"),
  },
  // ID Express: "IDS"/"IDE" + digits (reading).
  idexpress: {
    code: "idexpress",
    name: "ID Express",
    shape: /^[A-Z0-9]{8,20}$/,
    ...page("https://idexpress.com/lacak-paket/"),
  },
  // SAP Express: digits, sometimes with a letter prefix (reading).
  sap: {
    code: "sap",
    name: "SAP Express",
    shape: /^[A-Z0-9]{8,20}$/,
    ...page("https://www.sap-express.id/layanan/tracking"),
  },
  // GoSend and GrabExpress: an order id from the driver's app (e.g. GK-11-123456, IOS-…); the live
  // link is in the app, so their pages are linked for contact, not per parcel.
  gosend: {
    code: "gosend",
    name: "GoSend",
    shape: /^[A-Z0-9-]{5,40}$/,
    ...page("https://www.gojek.com/gosend/"),
  },
  grabexpress: {
    code: "grabexpress",
    name: "GrabExpress",
    shape: /^[A-Z0-9-]{5,40}$/,
    ...page("https://www.grab.com/id/express/"),
  },
  // Any other courier: staff give the page where the parcel is followed.
  other: { code: "other", name: "", shape: null, tracking: null, perNumber: false },
};

/** Every tracking number, whatever the courier: letters, digits and a few separators, 3 to 64. */
export const GENERAL_TRACKING_SHAPE = /^[A-Z0-9][A-Z0-9 ./_-]{2,63}$/;

export const isCourierCode = (value: unknown): value is CourierCode =>
  typeof value === "string" && (courierCodes as readonly string[]).includes(value);

/** Trimmed, inner runs of spaces made one, upper-cased: as stored and as compared. */
export function normaliseTrackingNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, " ").toUpperCase();
}

export function trackingNumberFits(code: CourierCode, number: string): boolean {
  if (!GENERAL_TRACKING_SHAPE.test(number)) return false;
  const shape = couriers[code].shape;
  return shape === null || shape.test(number);
}

/**
 * The page where the shopper follows a parcel: the courier's (with the number when its page takes
 * one), or the URL staff gave for "other"; null when there is none (an "other" without a URL).
 */
export function trackingLink(
  code: string | null,
  number: string | null,
  otherUrl: string | null,
): { url: string; perNumber: boolean } | null {
  if (!isCourierCode(code)) return null;
  if (code === "other")
    return otherUrl && isHttpsUrl(otherUrl) ? { url: otherUrl, perNumber: true } : null;
  const courier = couriers[code];
  if (!courier.tracking) return null;
  return { url: courier.tracking(number ?? ""), perNumber: courier.perNumber };
}

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password
    );
  } catch {
    return false;
  }
}

/** The courier's name to show: its own for a listed one; for "other", the host of its page. */
export function courierName(code: string | null, otherUrl: string | null): string | null {
  if (!isCourierCode(code)) return code;
  if (code !== "other") return couriers[code].name;
  if (otherUrl && isHttpsUrl(otherUrl)) return new URL(otherUrl).hostname;
  return null;
}
