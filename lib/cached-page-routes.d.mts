// Types for lib/cached-page-routes.mjs.
export declare const CACHED_PAGE_SOURCES: string[];
export declare const PRIVATE_CACHED_PAGE: string;
export declare function cachedPageRewrites(): {
  source: string;
  has?: { type: "cookie"; key: string; value: string }[];
  destination: string;
}[];
