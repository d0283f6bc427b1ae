import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { chooseLanguageAction } from "@/app/[locale]/actions";
import { signInAction } from "@/app/[locale]/admin/sign-in/actions";
import { SignInForm } from "@/components/admin/sign-in-form";
import { SignedOutPage } from "@/components/admin/signed-out-page";
import { safeAdminRedirect } from "@/lib/admin/redirect";
import { currentStaff } from "@/lib/auth/guard";
import { DEFAULT_THROTTLE, retryAfterSeconds } from "@/lib/auth/throttle";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.signIn");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { from, code } = await searchParams;
  const target = safeAdminRedirect(Array.isArray(from) ? from[0] : from);
  if (await currentStaff()) redirect(target);
  const t = await getTranslations("admin.signIn");
  // Auth.js's callback route, refused by the throttle, redirects here with `code=throttled_<s>`
  // (capped at the longest real wait, so a crafted link cannot claim hours).
  const throttled = /^throttled_(\d{1,4})$/.exec(typeof code === "string" ? code : "");
  const notice = throttled
    ? t("throttled", {
        seconds: retryAfterSeconds(
          Math.min(Number(throttled[1]) * 1000, DEFAULT_THROTTLE.maxDelayMs),
        ),
      })
    : undefined;

  return (
    <SignedOutPage title={t("title")} languageAction={chooseLanguageAction}>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      <SignInForm from={target} notice={notice} signInAction={signInAction} />
    </SignedOutPage>
  );
}
