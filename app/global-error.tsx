"use client";

// The last resort, when even the root layout failed: its own <html>, the shop's colours by hand
// (the stylesheet may be what failed), and a way back.
//
// Its words cannot come from next-intl: this renders instead of the root layout, so there is no
// provider, and the failure may be the language set-up itself. Nor from messages/*/shop.json:
// every page loads this component's chunk up front, and importing a catalogue here would ship it
// to every page. So its few sentences live here, in both languages, typed alike. The language is
// the shopper's choice from the NEXT_LOCALE cookie (not httpOnly; lib/i18n/preference.ts), read
// after hydration; before that, and without a cookie, Indonesian, the shop's default.
import { useSyncExternalStore } from "react";
import { defaultLocale, LOCALE_COOKIE, localeOrDefault, type Locale } from "@/lib/i18n/locales";

type Copy = {
  title: string;
  body: string;
  tryAgain: string;
  backToShop: string;
  reference: string;
};

const copy: Record<Locale, Copy> = {
  id: {
    title: "Toko tidak dapat dimuat",
    body: "Silakan coba lagi sebentar lagi. Kalau kamu sedang membayar, status pembayaranmu bisa dilihat lewat link pesananmu.",
    tryAgain: "Coba lagi",
    backToShop: "Kembali ke toko",
    reference: "Kode referensi",
  },
  en: {
    title: "The shop could not load",
    body: "Please try again in a moment. If you were paying, the link to your order shows where the payment stands.",
    tryAgain: "Try again",
    backToShop: "Back to the shop",
    reference: "Reference",
  },
};

function cookieLocale(): Locale {
  const pair = document.cookie.split("; ").find((c) => c.startsWith(`${LOCALE_COOKIE}=`));
  return localeOrDefault(pair?.slice(LOCALE_COOKIE.length + 1));
}

const noSubscription = () => () => {};

export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const locale = useSyncExternalStore(noSubscription, cookieLocale, () => defaultLocale);
  const t = copy[locale];
  return (
    <html lang={locale}>
      <body
        style={{
          margin: 0,
          fontFamily: "system-ui, sans-serif",
          color: "#1c1917",
          background: "#fafaf9",
        }}
      >
        <title>{`${t.title} · Toko Nusantara`}</title>
        <main
          style={{ maxWidth: "28rem", margin: "0 auto", padding: "4rem 1rem", textAlign: "center" }}
        >
          <p style={{ color: "#c2410c", fontWeight: 600, fontSize: "0.875rem" }}>Toko Nusantara</p>
          <h1 style={{ fontSize: "1.75rem", margin: "0.5rem 0 1rem" }}>{t.title}</h1>
          <p style={{ color: "#57534e" }}>{t.body}</p>
          <p
            style={{
              display: "flex",
              gap: "0.75rem",
              justifyContent: "center",
              marginTop: "1.5rem",
            }}
          >
            <button
              type="button"
              onClick={() => reset()}
              style={{
                background: "#c2410c",
                color: "#fff",
                border: 0,
                borderRadius: "0.5rem",
                padding: "0.6rem 1rem",
                fontWeight: 600,
                cursor: "pointer",
              }}
            >
              {t.tryAgain}
            </button>
            {/* A full page load: the client router may be what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ color: "#c2410c", padding: "0.6rem 1rem", fontWeight: 600 }}>
              {t.backToShop}
            </a>
          </p>
          {error.digest ? (
            <p style={{ fontSize: "0.75rem", color: "#78716c" }}>
              {t.reference} {error.digest}
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
