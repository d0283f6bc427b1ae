import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chooseLanguageAction } from "@/app/[locale]/actions";
import { resetPasswordAction } from "@/app/[locale]/admin/reset-password/[token]/actions";
import { LinkVerdict } from "@/components/admin/link-verdict";
import { ResetPasswordForm } from "@/components/admin/reset-password-form";
import { SignedOutPage } from "@/components/admin/signed-out-page";
import { viewReset } from "@/lib/auth/password-reset";

// Public: the link is the credential. A link that cannot be used says why and offers nothing else.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.reset");
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const [t, view] = await Promise.all([getTranslations("admin.reset"), viewReset(token)]);
  return (
    <SignedOutPage title={t("title")} width="wide" languageAction={chooseLanguageAction}>
      {view.verdict === "usable" ? (
        <>
          <p className="mt-1 text-sm text-stone-600">{t("intro", { email: view.email })}</p>
          <ResetPasswordForm
            token={token}
            email={view.email}
            resetPasswordAction={resetPasswordAction}
          />
        </>
      ) : (
        <LinkVerdict testId="reset-verdict">{t(`verdict.${view.verdict}`)}</LinkVerdict>
      )}
    </SignedOutPage>
  );
}
