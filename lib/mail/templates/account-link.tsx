// "Kamu diundang" and "Atur ulang kata sandi": the two back-office account emails. Each says who
// it is for and why, carries its one-time link (a button and the plain address), says how long the
// link works, and what to do if the email was not expected.
import { Heading, Text } from "@react-email/components";
import { formatShopTime } from "@/lib/format";
import type { AccountEmail } from "@/lib/mail/email";
import type { EmailTranslator } from "./i18n";
import { EmailFrame } from "./layout";
import { OrderLink } from "./parts";
import * as s from "./styles";

export function AccountLinkEmail({
  email,
  t,
  subject,
}: {
  email: AccountEmail;
  t: EmailTranslator;
  subject: string;
}) {
  const shopName = t("common.shopName");
  const until = formatShopTime(email.expiresAt, email.locale, email.zone);
  const invitation = email.kind === "staff_invitation";
  const role = email.role ? t(`email.account.roles.${email.role}`) : "";
  return (
    <EmailFrame
      locale={email.locale}
      t={t}
      title={subject}
      preview={
        invitation
          ? t("email.account.invitation.preview", { shopName })
          : t("email.account.reset.preview")
      }
      footer={[t("email.account.why", { shopName }), t("email.account.privateLink")]}
    >
      <Heading as="h1" style={s.h1}>
        {invitation
          ? t("email.account.invitation.heading", { shopName })
          : t("email.account.reset.heading")}
      </Heading>
      <Text style={s.text}>
        {invitation
          ? t("email.account.invitation.intro", {
              shopName,
              inviter: email.invitedBy ?? shopName,
              role,
            })
          : t("email.account.reset.intro", { shopName })}
      </Text>
      <OrderLink
        href={email.link}
        label={invitation ? t("email.account.invitation.action") : t("email.account.reset.action")}
        t={t}
      />
      <Text style={s.text}>{t("email.account.validUntil", { until })}</Text>
      <Text style={s.muted}>
        {invitation ? t("email.account.invitation.notYou") : t("email.account.reset.notYou")}
      </Text>
    </EmailFrame>
  );
}
