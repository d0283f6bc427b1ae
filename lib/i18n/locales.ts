// The shop's languages. Bahasa Indonesia is the default for everyone (the shoppers and Kredivo's
// own pages are Indonesian); English only when the shopper picks it in the header. The choice
// lives in a cookie, not in the URL, so every link the shop hands out (DOKU's callback URLs, the
// order link in an email) works in either language. Pure: the proxy, the sandbox and tests use it.
// The list itself is in locale-list.mjs, which next.config.mjs reads too.
import { defaultLocale as defaultLanguage, locales } from "./locale-list.mjs";

/** `LOCALE_COOKIE` is next-intl's own cookie name, so its tooling recognises it. */
export { LOCALE_COOKIE, locales } from "./locale-list.mjs";
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = defaultLanguage;

/** A year: the shopper chose a language, and should not be asked again next month. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The cookie's value when it names a language we speak; the default otherwise. */
export function localeOrDefault(value: string | undefined): Locale {
  return isLocale(value) ? value : defaultLocale;
}

/** The BCP 47 tag for Intl formatters: Indonesian digits and month names come from `id-ID`. */
export const intlLocale: Record<Locale, string> = { id: "id-ID", en: "en-GB" };
