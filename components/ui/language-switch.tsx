// The header's language switch: a form, so it works before JavaScript loads. The current language
// is marked, not a button; the other one posts the choice (app/actions.ts).
import { useLocale, useTranslations } from "next-intl";
import { locales } from "@/lib/i18n/locales";

export function LanguageSwitch({ action }: { action: (formData: FormData) => Promise<void> }) {
  const t = useTranslations("common.language");
  const current = useLocale();
  return (
    <form
      action={action}
      className="flex items-center rounded-md text-xs font-semibold ring-1 ring-stone-300"
    >
      {locales.map((locale) =>
        locale === current ? (
          <span
            key={locale}
            aria-current="true"
            title={t(locale)}
            className="rounded-md bg-stone-800 px-2 py-1.5 text-white"
          >
            {t(`short.${locale}`)}
          </span>
        ) : (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            // The name starts with the visible "EN", so a voice-control user can say what they see.
            aria-label={t("switchTo", { short: t(`short.${locale}`), language: t(locale) })}
            className="rounded-md px-2 py-1.5 text-stone-700 hover:bg-stone-100"
          >
            {t(`short.${locale}`)}
          </button>
        ),
      )}
    </form>
  );
}
