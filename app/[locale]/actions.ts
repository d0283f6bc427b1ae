"use server";
import { chooseLocale } from "@/lib/i18n/preference";

/** The header's language switch, for the shop and the back office alike. */
export async function chooseLanguageAction(formData: FormData): Promise<void> {
  await chooseLocale(formData);
}
