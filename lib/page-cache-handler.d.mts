// Types for lib/page-cache-handler.mjs (plain JavaScript so Next can load it uncompiled).
export function isStorablePage(key: string, value: { kind?: string; status?: number } | null | undefined): boolean;
