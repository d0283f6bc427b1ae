// The shopper's language choice, kept in a cookie for a year. Not httpOnly-sensitive (it holds
// "id" or "en"), but still SameSite=Lax and Secure in production like every cookie we set.
import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, locales } from "./locales";

const choiceSchema = z.object({ locale: z.enum(locales) });

/** Stores the language a form asked for; anything but a language we speak is ignored. */
export async function chooseLocale(formData: FormData): Promise<void> {
  const parsed = choiceSchema.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
  });
}

/**
 * Where the switch sends the shopper back to: the path of the page it was pressed on (the
 * Referer, which the browser sends for our own pages), never another site; "/" without one.
 */
export function pathToReload(referer: string | null): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    // "//host" would be another site to a browser: one leading slash only.
    return `/${url.pathname.replace(/^\/+/, "")}${url.search}`;
  } catch {
    return "/";
  }
}
