import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  const shop = t("shopName");
  return { title: { default: shop, template: `%s · ${shop}` }, description: t("metadata.description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#ea580c",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const { common, shop } = await getMessages();
  // Client components get the shop's words only; the back office's layout adds its own.
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider messages={{ common, shop }}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
