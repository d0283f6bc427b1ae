// The shop's client components format no message in the browser: every word they show comes
// from their page, rendered on the server. Each one's static imports are followed (what the
// browser downloads with the page) and none may reach next-intl. The error page's body is the
// one exception, and only because nothing imports it statically: it loads when a page fails.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const LAZY_ERROR_BODY = "components/shop/shop-error-page.tsx";

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory()
      ? files(path)
      : /\.tsx?$/.test(name)
        ? [path]
        : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? resolve(dirname(join(ROOT, from)), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  return null;
}

/** Static imports only (`import … from`, not `import type`), as [specifier, resolved file]. */
function imports(file: string): [string, string | null][] {
  const source = readFileSync(join(ROOT, file), "utf8");
  return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map(
    ([, specifier]) => [specifier!, resolveImport(file, specifier!)],
  );
}

/** Every package a file pulls into the browser through its static imports, with the path there. */
function packagesFrom(
  file: string,
  path: string[] = [],
  seen = new Set<string>(),
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (seen.has(file)) return found;
  seen.add(file);
  for (const [specifier, target] of imports(file)) {
    if (target)
      for (const [pkg, via] of packagesFrom(target, [...path, file], seen)) found.set(pkg, via);
    else if (!specifier.startsWith("@/") && !specifier.startsWith("."))
      found.set(specifier, [...path, file]);
  }
  return found;
}

const isClient = (f: string) => /^\s*["']use client["']/m.test(readFileSync(join(ROOT, f), "utf8"));
const shopFiles = [...files("components"), ...files("app/[locale]/(shop)")].filter(
  (f) => !f.startsWith("components/admin/"),
);
const shopClientFiles = shopFiles.filter(isClient);

describe("the words of the shop's client components", () => {
  it("finds the shop's client components", () => {
    // The walk must see them, or the next check passes on nothing.
    expect(shopClientFiles).toEqual(
      expect.arrayContaining([
        "components/checkout/checkout-form.tsx",
        "components/shop/add-to-cart-form.tsx",
        "app/[locale]/(shop)/error.tsx",
      ]),
    );
    expect(packagesFrom("components/checkout/checkout-form.tsx").has("react-hook-form")).toBe(true);
  });

  it.each(shopClientFiles.filter((f) => f !== LAZY_ERROR_BODY))(
    "%s ships no message formatter",
    (file) => {
      const intl = [...packagesFrom(file)].filter(([pkg]) =>
        /^(next-intl|use-intl|intl-messageformat)(\/|$)/.test(pkg),
      );
      expect(intl.map(([pkg, via]) => `${pkg} via ${via.join(" → ")}`)).toEqual([]);
    },
  );

  it("loads the error page's words only when a page fails", () => {
    expect(packagesFrom(LAZY_ERROR_BODY).has("next-intl")).toBe(true);
    const staticImporters = [...files("components"), ...files("app")].filter((f) =>
      imports(f).some(([, target]) => target === LAZY_ERROR_BODY),
    );
    expect(staticImporters).toEqual([]);
    expect(readFileSync(join(ROOT, "app/[locale]/(shop)/error.tsx"), "utf8")).toContain(
      'import("@/components/shop/shop-error-page")',
    );
  });
});
