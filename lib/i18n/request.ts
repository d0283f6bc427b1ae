// next-intl's per-request configuration (wired in next.config.mjs): the shopper's language from
// the cookie the header's switch sets, that language's messages, and the shop's time zone.
import "server-only";
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, localeOrDefault } from "./locales";
import { messages } from "./messages";

export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = localeOrDefault(explicit ?? (await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: messages[locale], timeZone: env().SHOP_TIME_ZONE };
});
