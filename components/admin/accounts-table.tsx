// The Accounts page's table: everyone who can sign in (owners first), then the invitations still
// on the page (each address's newest: invited, expired or revoked), with who invited and until
// when the link works. Times are the shop's (SHOP_TIME_ZONE). Each account row changes its role
// or removes it; an invitation still out can be revoked. The page passes the actions.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { ShopTime } from "@/components/ui/shop-time";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { InvitationRow, InvitationState, PersonRow } from "@/lib/admin/accounts";
import { userRoles, type UserRole } from "@/lib/db/schema/values";
import type { Tone } from "@/lib/format";
import { AccountChangeForm, type AccountChangeAction } from "./account-change-form";

const ROLE_TONE: Record<UserRole, Tone> = { owner: "brand", staff: "neutral" };
const STATE_TONE: Record<InvitationState | "active", Tone> = {
  active: "good",
  invited: "warn",
  expired: "neutral",
  revoked: "bad",
};

export interface AccountsActions {
  changeRoleAction: AccountChangeAction;
  removeAccountAction: AccountChangeAction;
  revokeInvitationAction: AccountChangeAction;
}

const select =
  "block h-9 rounded-lg border border-stone-300 bg-white px-2 text-sm shadow-sm focus-visible:border-brand-600";

function PersonActions({
  person,
  isMe,
  actions,
}: {
  person: PersonRow;
  isMe: boolean;
  actions: AccountsActions;
}) {
  const t = useTranslations("admin.accounts");
  const selectId = `role-${person.id}`;
  return (
    <div className="flex min-w-64 flex-col gap-2">
      <AccountChangeForm
        action={actions.changeRoleAction}
        hidden={{ userId: person.id }}
        submit={t("changeRole.submit")}
        pending={t("changeRole.submitting")}
        testId="change-role-form"
      >
        <label htmlFor={selectId} className="sr-only">
          {t("changeRole.label", { name: person.name })}
        </label>
        <select id={selectId} name="role" defaultValue={person.role} className={select}>
          {userRoles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </AccountChangeForm>
      {/* A removal asks once more: the button is inside a disclosure that names who goes. */}
      <details className="group" data-testid="remove-account">
        <summary className="w-fit cursor-pointer rounded-md text-sm font-medium text-red-800 underline-offset-4 hover:underline">
          {t("remove.open")}
        </summary>
        <div className="mt-2 w-fit rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="mb-2 max-w-72 text-xs text-red-900">
            {isMe ? t("remove.confirmSelf") : t("remove.confirm", { name: person.name })}
          </p>
          <AccountChangeForm
            action={actions.removeAccountAction}
            hidden={{ userId: person.id }}
            submit={t("remove.submit")}
            pending={t("remove.submitting")}
            variant="primary"
            testId="remove-account-form"
          />
        </div>
      </details>
      {isMe ? <p className="max-w-72 text-xs text-stone-600">{t("selfNote")}</p> : null}
    </div>
  );
}

export function AccountsTable({
  people,
  invitations,
  meId,
  actions,
}: {
  people: PersonRow[];
  invitations: InvitationRow[];
  meId: number;
  actions: AccountsActions;
}) {
  const t = useTranslations("admin.accounts");
  return (
    <TableScroll label={t("scrollLabel")}>
      <Table data-testid="accounts-table">
        <Caption>{t("caption")}</Caption>
        <thead>
          <tr>
            <Th>{t("columns.person")}</Th>
            <Th>{t("columns.role")}</Th>
            <Th>{t("columns.lastSignIn")}</Th>
            <Th>{t("columns.state")}</Th>
            <Th>{t("columns.actions")}</Th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => {
            const isMe = person.id === meId;
            return (
              <tr
                key={`person-${person.id}`}
                data-testid="account-row"
                data-email={person.email}
                data-role={person.role}
                data-state="active"
              >
                <RowTh className="min-w-56 text-left font-normal">
                  <span className="block font-medium text-stone-900">
                    {person.name}
                    {isMe ? (
                      <span className="ml-1.5 text-xs font-normal text-stone-500">
                        ({t("you")})
                      </span>
                    ) : null}
                  </span>
                  <span className="block break-all text-stone-600">{person.email}</span>
                </RowTh>
                <Td>
                  <Badge tone={ROLE_TONE[person.role]}>{t(`roles.${person.role}`)}</Badge>
                </Td>
                <Td className="min-w-36 text-stone-700">
                  {person.lastSignInAt ? (
                    <ShopTime at={person.lastSignInAt} className="tabular-nums" />
                  ) : (
                    <span className="text-stone-500">{t("never")}</span>
                  )}
                </Td>
                <Td>
                  <Badge tone={STATE_TONE.active}>{t("states.active")}</Badge>
                </Td>
                <Td>
                  <PersonActions person={person} isMe={isMe} actions={actions} />
                </Td>
              </tr>
            );
          })}
          {invitations.map((invitation) => (
            <tr
              key={`invitation-${invitation.id}`}
              data-testid="invitation-row"
              data-email={invitation.email}
              data-role={invitation.role}
              data-state={invitation.state}
              className="bg-stone-50/60"
            >
              <RowTh className="min-w-56 text-left font-normal">
                <span className="block italic text-stone-500">{t("noName")}</span>
                <span className="block break-all text-stone-800">{invitation.email}</span>
              </RowTh>
              <Td>
                <Badge tone={ROLE_TONE[invitation.role]}>{t(`roles.${invitation.role}`)}</Badge>
              </Td>
              <Td className="text-stone-500">
                <span aria-hidden="true">—</span>
                <span className="sr-only">{t("never")}</span>
              </Td>
              <Td className="min-w-52">
                <Badge tone={STATE_TONE[invitation.state]}>{t(`states.${invitation.state}`)}</Badge>
                <span className="mt-1 block text-xs text-stone-600">
                  {t("invitedBy", { name: invitation.invitedBy ?? t("inviterGone") })}
                  {" · "}
                  <ShopTime at={invitation.createdAt} />
                </span>
                <span className="block text-xs text-stone-600">
                  {invitation.state === "revoked" && invitation.revokedAt ? (
                    <>
                      {t("revokedAt")} <ShopTime at={invitation.revokedAt} />
                    </>
                  ) : (
                    <>
                      {t(invitation.state === "expired" ? "expiredAt" : "validUntil")}{" "}
                      <ShopTime at={invitation.expiresAt} />
                    </>
                  )}
                </span>
              </Td>
              <Td>
                {invitation.state === "invited" ? (
                  <AccountChangeForm
                    action={actions.revokeInvitationAction}
                    hidden={{ invitationId: invitation.id }}
                    submit={t("revoke.submit")}
                    pending={t("revoke.submitting")}
                    testId="revoke-invitation-form"
                  />
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableScroll>
  );
}
