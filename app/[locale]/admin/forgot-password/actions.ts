"use server";

// "Forgot password?": the same answer, after the same time, for every address (lib/auth/password-reset.ts).
import { getLocale } from "next-intl/server";
import { answerForgotPassword, type ForgotAnswer } from "@/lib/auth/password-reset";
import { formFields } from "@/lib/form-fields";
import { localeOrDefault } from "@/lib/i18n/locales";
import { requestAddress } from "@/lib/limits/request-address";

export async function forgotPasswordAction(
  _previous: ForgotAnswer | null,
  formData: FormData,
): Promise<ForgotAnswer | null> {
  return answerForgotPassword(
    formFields(formData),
    await requestAddress(),
    localeOrDefault(await getLocale()),
  );
}
