import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";

// The back office shell. No session here: the sign-in page lives under it too. Signed-in pages
// sit in the (office) group, whose layout and pages each call requireAdmin().
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [t, common] = await Promise.all([
    getTranslations("admin.shell"),
    getTranslations("common"),
  ]);
  const title = t("title");
  return {
    title: { default: title, template: `%s · ${title} · ${common("shopName")}` },
    robots: { index: false, follow: false },
  };
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [{ common, admin }, t] = await Promise.all([getMessages(), getTranslations("admin.shell")]);
  // The back office's client components (the sign-in form, Check Status) format their words in
  // the browser: they get the shared words and the back office's own. The shop's get none.
  return (
    <NextIntlClientProvider messages={{ common, admin }}>
      <div className="flex min-h-dvh flex-col bg-stone-100 text-stone-900">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("skipToContent")}
        </a>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
