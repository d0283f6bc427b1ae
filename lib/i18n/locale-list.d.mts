// Types for lib/i18n/locale-list.mjs.
export declare const locales: readonly ["id", "en"];
export declare const defaultLocale: "id";
export declare const LOCALE_COOKIE: "NEXT_LOCALE";
