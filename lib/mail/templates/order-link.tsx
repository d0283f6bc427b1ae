// "Tautan pesananmu": the link a shopper asked for on "Find my order" (lib/orders/find-order.ts).
// Sent only to the order's own address; says which order it is (its items and total), no more.
import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderItems, OrderLink } from "./parts";
import * as s from "./styles";

export function OrderLinkEmail({ email, t, subject }: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t("email.orderLink.preview")}>
      <Heading as="h1" style={s.h1}>
        {t("email.orderLink.heading")}
      </Heading>
      <Text style={s.text}>
        {t("email.orderLink.intro", { name: order.customerFirstName, reference: order.reference })}
      </Text>
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
      <OrderItems email={email} t={t} />
      <Text style={s.text}>{t("email.orderLink.notYou")}</Text>
    </EmailLayout>
  );
}
