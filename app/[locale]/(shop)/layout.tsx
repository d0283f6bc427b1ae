import { getTranslations, setRequestLocale } from "next-intl/server";
import Link from "next/link";
import { chooseLanguageAction } from "@/app/[locale]/actions";
import { CartBadge } from "@/components/shop/cart-badge";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { localeOrDefault } from "@/lib/i18n/locales";

// Reads nothing per request (the cart badge is filled in by the browser), so the catalogue and
// product pages under it can be cached.
export default async function ShopLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(localeOrDefault(locale));
  const t = await getTranslations("shop.layout");
  const common = await getTranslations("common");
  const findOrder = await getTranslations("shop.findOrder");
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur">
        {/* One row on a 390 px phone: below `sm` the logo is the way home (the "Shop" link hides),
            the cart shows its icon and count (its word stays in the link's name), and a long shop
            name truncates before anything else gives way. */}
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:gap-3">
          <Link
            href="/"
            className="mr-auto flex min-w-0 items-center gap-2 rounded-md text-base font-bold tracking-tight sm:text-lg"
          >
            <span
              aria-hidden
              className="grid size-8 shrink-0 place-items-center rounded-lg bg-brand-700 text-sm text-white"
            >
              TN
            </span>
            <span className="truncate">{common("shopName")}</span>
          </Link>
          <nav
            aria-label={t("nav")}
            className="flex shrink-0 items-center gap-0 text-sm font-medium sm:gap-1"
          >
            <Link href="/" className="hidden rounded-md px-3 py-2 hover:bg-stone-100 sm:block">
              {t("shop")}
            </Link>
            <Link
              href="/cart"
              className="flex items-center gap-2 rounded-md px-2 py-2 hover:bg-stone-100 sm:px-3"
            >
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                className="size-5"
              >
                <path
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  d="M2.25 3h1.386c.51 0 .955.343 1.087.835l.383 1.437M7.5 14.25a3 3 0 0 0-3 3h15.75m-12.75-3h11.218c1.121-2.3 2.1-4.684 2.924-7.138a60.114 60.114 0 0 0-16.536-1.84M7.5 14.25 5.106 5.272M6 20.25a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Zm12.75 0a.75.75 0 1 1-1.5 0 .75.75 0 0 1 1.5 0Z"
                />
              </svg>
              <span className="sr-only sm:not-sr-only">{t("cart")}</span>
              <CartBadge one={t("cartItems", { count: 1 })} other={t("cartItems", { count: 2 })} />
            </Link>
          </nav>
          <div className="shrink-0">
            <LanguageSwitch action={chooseLanguageAction} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-stone-600">
          <p>{t("footer")}</p>
          <Link
            href="/orders/find"
            className="rounded font-medium text-brand-700 underline underline-offset-4"
          >
            {findOrder("footerLink")}
          </Link>
        </div>
      </footer>
    </div>
  );
}
