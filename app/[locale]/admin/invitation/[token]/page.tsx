import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { chooseLanguageAction } from "@/app/[locale]/actions";
import { acceptInvitationAction } from "@/app/[locale]/admin/invitation/[token]/actions";
import { InvitationForm } from "@/components/admin/invitation-form";
import { LinkVerdict } from "@/components/admin/link-verdict";
import { SignedOutPage } from "@/components/admin/signed-out-page";
import { viewInvitation } from "@/lib/auth/invitations";

// Public: the link is the credential. A link that cannot be used says why and offers nothing else.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.invitation");
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, view] = await Promise.all([getTranslations("admin.invitation"), viewInvitation(token)]);
  return (
    <SignedOutPage title={t("title")} width="wide" languageAction={chooseLanguageAction}>
      {view.verdict === "usable" ? (
        <>
          <p className="mt-1 text-sm text-stone-600">{t("intro", { role: view.role })}</p>
          <InvitationForm
            token={token}
            email={view.email}
            acceptInvitationAction={acceptInvitationAction}
          />
        </>
      ) : (
        <LinkVerdict testId="invitation-verdict">{t(`verdict.${view.verdict}`)}</LinkVerdict>
      )}
    </SignedOutPage>
  );
}
