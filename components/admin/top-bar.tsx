// The back office's slim top bar. Signed-in pages pass the staff member's email, role and the
// sign-out action and get the sections their role may open, the email (a link to their own
// account) and a "Sign out" button; the sign-in page shows only the name. Both get the language
// switch, with the page's action for it (components never import from app/).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SubmitButton } from "@/components/ui/submit-button";
import { allows, type UserRole } from "@/lib/auth/roles";
import { OfficeNav } from "./office-nav";

export function AdminTopBar({
  signedIn,
  languageAction,
}: {
  signedIn?: { email: string; role: UserRole; signOutAction: () => Promise<void> };
  languageAction: (formData: FormData) => Promise<void>;
}) {
  const t = useTranslations("admin.shell");
  const common = useTranslations("common");
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2.5">
        <Link
          href="/admin"
          className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight"
        >
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-md bg-brand-700 text-xs font-bold text-white"
          >
            TN
          </span>
          <span>
            {common("shopName")} <span className="text-stone-400">·</span> {t("title")}
          </span>
        </Link>
        {signedIn ? (
          <OfficeNav
            label={t("nav.label")}
            links={[
              { href: "/admin", text: t("nav.orders") },
              { href: "/admin/stock", text: t("nav.stock") },
              { href: "/admin/alerts", text: t("nav.alerts") },
              { href: "/admin/activity", text: t("nav.activity") },
              // Owners only: the page refuses staff anyway (requireRole).
              ...(allows(signedIn.role, "owner")
                ? [{ href: "/admin/accounts", text: t("nav.accounts") }]
                : []),
            ]}
          />
        ) : null}
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          {signedIn ? (
            <>
              <Link
                href="/admin/account"
                className="min-w-0 truncate rounded-md text-stone-600 underline-offset-4 hover:text-stone-900 hover:underline"
                data-testid="admin-email"
                title={t("nav.account")}
              >
                <span className="sr-only">{`${t("signedInAs")} `}</span>
                {signedIn.email}
              </Link>
              <form action={signedIn.signOutAction}>
                <SubmitButton size="sm" variant="secondary" pendingLabel={t("signingOut")}>
                  {t("signOut")}
                </SubmitButton>
              </form>
            </>
          ) : null}
          <LanguageSwitch action={languageAction} />
        </div>
      </div>
    </header>
  );
}
