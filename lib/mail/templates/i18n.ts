// The translator every email template gets: next-intl's createTranslator over the shop's
// messages (lib/i18n/messages.ts) for the email's language, outside React and Next. A missing
// message or a broken placeholder throws instead of mailing a shopper a message key. Pure.
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { messages } from "@/lib/i18n/messages";

export function emailTranslator(locale: Locale) {
  return createTranslator({
    locale,
    messages: messages[locale],
    onError(error) {
      throw error;
    },
  });
}

/** `t("email.order.total")`, `t("common.shopName")`: keys are checked against the Indonesian messages. */
export type EmailTranslator = ReturnType<typeof emailTranslator>;
