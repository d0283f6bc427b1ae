// Types for lib/content-security-policy.mjs (plain JavaScript so Next can load it uncompiled).
export type ScriptSources = { nonce: string } | { hashes: readonly string[] };
export function contentSecurityPolicy(
  scripts: ScriptSources,
  options: { dev: boolean; dokuBaseUrl?: string | undefined },
): string;
export function inlineScriptHashes(html: string): string[];
