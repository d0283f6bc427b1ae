import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { chooseLanguageAction } from "@/app/[locale]/actions";
import { forgotPasswordAction } from "@/app/[locale]/admin/forgot-password/actions";
import { ForgotPasswordForm } from "@/components/admin/forgot-password-form";
import { SignedOutPage } from "@/components/admin/signed-out-page";
import { currentStaff } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.reset");
  return { title: t("forgotTitle"), robots: { index: false, follow: false } };
}

export default async function ForgotPasswordPage() {
  // Signed in already: changing the password is on the account page.
  if (await currentStaff()) redirect("/admin/account");
  const t = await getTranslations("admin.reset");
  return (
    <SignedOutPage title={t("forgotTitle")} languageAction={chooseLanguageAction}>
      <p className="mt-1 text-sm text-stone-600">{t("forgotIntro")}</p>
      <ForgotPasswordForm forgotPasswordAction={forgotPasswordAction} />
    </SignedOutPage>
  );
}
