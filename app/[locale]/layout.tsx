// The root layout. Its segment is the shopper's language, chosen by the proxy from the cookie and
// never part of the public URL (proxy.ts), so a page that reads nothing else can be cached once
// per language.
import type { Metadata, Viewport } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isLocale, localeOrDefault } from "@/lib/i18n/locales";
import "../globals.css";

type Props = { children: React.ReactNode; params: Promise<{ locale: string }> };

// Nothing is rendered at build time (the build has no database); each page is rendered on its
// first request, and the cacheable ones are kept (docs/caching.md).
export function generateStaticParams(): { locale: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: localeOrDefault(locale), namespace: "common" });
  const shop = t("shopName");
  return {
    title: { default: shop, template: `%s · ${shop}` },
    description: t("metadata.description"),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#ea580c",
};

export default async function RootLayout({ children, params }: Props) {
  const { locale } = await params;
  // Only a path that bypassed the proxy names no language of ours; its 404 is in the default one.
  setRequestLocale(localeOrDefault(locale));
  if (!isLocale(locale)) notFound();
  // No message catalogue goes to the browser from here: the shop's client components get their
  // words from their pages, rendered on the server (docs/caching.md, "Words in the browser"), and
  // the back office's layout gives its own.
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
