import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { changePasswordAction } from "@/app/[locale]/admin/(office)/account/actions";
import { ChangePasswordForm } from "@/components/admin/change-password-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.account");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { changed } = await searchParams;
  const staff = await requireAdmin();
  const t = await getTranslations("admin.account");
  const details = [
    { term: t("name"), value: staff.name, testId: "account-name" },
    { term: t("email"), value: staff.email, testId: "account-email" },
    { term: t("role"), value: t(`roles.${staff.role}`), testId: "account-role" },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("intro")}</p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card as="section" aria-labelledby="account-details" className="p-5 sm:p-6">
          <h2 id="account-details" className="sr-only">
            {t("title")}
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-sm">
            {details.map(({ term, value, testId }) => (
              <div key={testId} className="contents">
                <dt className="font-medium text-stone-600">{term}</dt>
                <dd className="break-all text-stone-900" data-testid={testId}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card as="section" aria-labelledby="change-password" className="p-5 sm:p-6">
          <h2 id="change-password" className="text-lg font-semibold">
            {t("changeTitle")}
          </h2>
          <p className="mt-1 text-sm text-stone-600">{t("changeIntro")}</p>
          <ChangePasswordForm
            personal={[staff.email, staff.name]}
            email={staff.email}
            changed={changed === "1"}
            changePasswordAction={changePasswordAction}
          />
        </Card>
      </div>
    </div>
  );
}
