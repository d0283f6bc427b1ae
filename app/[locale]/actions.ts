"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { chooseLocale, pathToReload } from "@/lib/i18n/preference";

/**
 * The header's language switch, for the shop and the back office alike. The proxy picks the
 * language before a request reaches the page, so the page is loaded again to be in it.
 */
export async function chooseLanguageAction(formData: FormData): Promise<void> {
  await chooseLocale(formData);
  redirect(pathToReload((await headers()).get("referer")));
}
