// Types for lib/language-routes.mjs.
type LanguageCookie = { type: "cookie"; key: string; value: string };
export declare const PROXIED_PAGE_SOURCE: string;
export declare function proxiedPageRewrites(): {
  source: string;
  has?: LanguageCookie[];
  missing?: LanguageCookie[];
  destination: string;
}[];
