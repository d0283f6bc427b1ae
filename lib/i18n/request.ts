// next-intl's per-request configuration (wired in next.config.mjs): the language the proxy chose
// from the shopper's cookie, that language's messages, and the shop's time zone. Pages under
// app/[locale] name their language with setRequestLocale, so cached pages never read a header;
// server actions and route handlers get it from the header the proxy sets (proxy.ts).
import "server-only";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { localeOrDefault } from "./locales";
import { messages } from "./messages";

export default getRequestConfig(async ({ locale: explicit, requestLocale }) => {
  const locale = localeOrDefault(explicit ?? (await requestLocale));
  return { locale, messages: messages[locale], timeZone: env().SHOP_TIME_ZONE };
});
