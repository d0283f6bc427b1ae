// Types for lib/page-cache-handler.mjs (plain JavaScript so Next can load it uncompiled).
export function isStorablePage(
  key: string,
  value: { kind?: string; status?: number } | null | undefined,
): boolean;
/** Next's file-system page cache with the shop's policy and storage rule (see the .mjs). */
export default class PageCacheHandler {
  constructor(ctx: {
    fs: unknown;
    serverDistDir: string;
    flushToDisk: boolean;
    revalidatedTags: string[];
    maxMemoryCacheSize?: number;
  });
  get(key: string, ctx: object): Promise<unknown>;
  set(key: string, data: object, ctx: object): Promise<void>;
}
