// Every client component of the shop gets the words it uses: its imports are followed, every
// `useTranslations("…")` on the way collected, and each namespace must lie under one of the paths
// lib/i18n/client-messages.ts lists for it (a page passes only those to the browser).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespaces, pickMessages } from "@/lib/i18n/client-messages";
import { messages } from "@/lib/i18n/messages";

const ROOT = resolve(__dirname, "../..");

/** Which list each client component of the shop is given. */
const given: Record<string, keyof typeof clientNamespaces> = {
  "app/[locale]/(shop)/error.tsx": "shopLayout",
  "components/shop/add-to-cart-form.tsx": "addToCart",
  "components/cart/cart-line-controls.tsx": "cartLine",
  "components/checkout/checkout-form.tsx": "checkout",
  "components/orders/auto-refresh.tsx": "autoRefresh",
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? resolve(dirname(join(ROOT, from)), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  return null;
}

/** The namespaces of every useTranslations reachable from a file through its imports. */
function namespacesFrom(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  const source = readFileSync(join(ROOT, file), "utf8");
  for (const [, namespace] of source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) found.add(namespace ?? "(the whole catalogue)");
  for (const [, specifier] of source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)) {
    const target = resolveImport(file, specifier!);
    if (target && !target.startsWith("lib/")) for (const n of namespacesFrom(target, seen)) found.add(n);
  }
  return found;
}

const clientFiles = [...files("components"), ...files("app/[locale]/(shop)")].filter(
  (f) => !f.startsWith("components/admin/") && /^\s*["']use client["']/m.test(readFileSync(join(ROOT, f), "utf8")),
);

describe("the words client components get", () => {
  it("lists every client component of the shop that shows words", () => {
    const translating = clientFiles.filter((f) => namespacesFrom(f).size > 0);
    expect(translating.sort()).toEqual(Object.keys(given).sort());
  });

  it.each(Object.entries(given))("%s gets every namespace it uses", (file, list) => {
    const paths: readonly string[] = clientNamespaces[list];
    const missing = [...namespacesFrom(file)].filter((n) => !paths.some((p) => n === p || n.startsWith(`${p}.`)));
    expect(missing).toEqual([]);
  });

  it("picks exactly the listed paths, in every language", () => {
    for (const catalogue of Object.values(messages)) {
      const picked = pickMessages(catalogue, clientNamespaces.autoRefresh);
      expect(picked).toEqual({ shop: { order: { autoRefresh: catalogue.shop.order.autoRefresh } } });
      expect(Object.keys(pickMessages(catalogue, clientNamespaces.checkout)).sort()).toEqual(["common", "shop"]);
    }
    expect(() => pickMessages(messages.id, ["shop.nothingHere"])).toThrow("no messages at shop.nothingHere");
  });
});
