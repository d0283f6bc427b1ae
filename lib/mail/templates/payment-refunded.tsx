// "Dana sudah dikembalikan": DOKU reported that a paid order's Kredivo payment was refunded. Says
// where the money goes (Kredivo, not the shop) and what the order held; not an amount, because
// DOKU's REFUNDED names none and a refund is made through DOKU's support, not by the shop.
import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderFacts, OrderItems, OrderLink } from "./parts";
import * as s from "./styles";

export function PaymentRefundedEmail({
  email,
  t,
  subject,
}: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t("email.refunded.preview")}>
      <Heading as="h1" style={s.h1}>
        {t("email.refunded.heading")}
      </Heading>
      <Text style={s.text}>
        {t("email.refunded.intro", { name: order.customerFirstName, reference: order.reference })}
      </Text>
      <Text style={s.text}>{t("email.refunded.where")}</Text>
      <OrderFacts email={email} t={t} status="refunded" />
      <OrderItems email={email} t={t} />
      <Text style={{ ...s.text, margin: "32px 0 0" }}>{t("email.refunded.orderPage")}</Text>
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
    </EmailLayout>
  );
}
