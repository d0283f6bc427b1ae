import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountsTable } from "@/components/admin/accounts-table";
import { InviteForm } from "@/components/admin/invite-form";
import { Card } from "@/components/ui/card";
import { listAccounts } from "@/lib/admin/accounts";
import { requireRole } from "@/lib/auth/guard";
import {
  changeRoleAction,
  inviteAction,
  removeAccountAction,
  revokeInvitationAction,
} from "./actions";

// Owners only: staff get the 403 page here, and every action refuses them again on its own.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.accounts");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function AccountsPage() {
  const me = await requireRole("owner", "/admin/accounts");
  const [t, { people, invitations }] = await Promise.all([
    getTranslations("admin.accounts"),
    listAccounts(),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("intro")}</p>
      </div>
      <Card as="section" aria-labelledby="invite-heading" className="p-4 sm:p-5">
        <h2 id="invite-heading" className="text-base font-semibold">
          {t("invite.heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">{t("invite.intro")}</p>
        <InviteForm inviteAction={inviteAction} />
      </Card>
      <Card as="section" aria-label={t("caption")}>
        <AccountsTable
          people={people}
          invitations={invitations}
          meId={me.id}
          actions={{ changeRoleAction, removeAccountAction, revokeInvitationAction }}
        />
      </Card>
    </div>
  );
}
