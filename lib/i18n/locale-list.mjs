// The shop's languages and the cookie that holds the shopper's choice, in plain JavaScript so that
// next.config.mjs, which Node loads uncompiled, routes by the same list (lib/i18n/locales.ts says
// why there are two and why a cookie).
export const locales = /** @type {const} */ (["id", "en"]);
export const defaultLocale = "id";
export const LOCALE_COOKIE = "NEXT_LOCALE";
