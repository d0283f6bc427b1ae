// For each digital product: what the shopper gets and where, in the merchant's own words
// (products.digital_delivery). Physical products are not listed; the confirmation covers them.
import { Heading, Section, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { Lines, OrderLink, productLines } from "./parts";
import * as s from "./styles";

export function DigitalDeliveryEmail({
  email,
  t,
  subject,
}: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  const digital = productLines(email).filter((line) => line.digital);
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t("email.digital.preview")}>
      <Heading as="h1" style={s.h1}>
        {t("email.digital.heading")}
      </Heading>
      <Text style={s.text}>
        {t("email.digital.intro", { name: order.customerFirstName, reference: order.reference })}
      </Text>
      {digital.map((line, i) => (
        <Section key={i} style={s.panel}>
          <Heading as="h2" style={s.h3}>
            {line.name}
          </Heading>
          {line.quantity > 1 ? (
            <Text style={{ ...s.muted, margin: "0 0 8px" }}>
              {t("email.digital.quantity", { quantity: line.quantity })}
            </Text>
          ) : null}
          {line.delivery !== null && line.delivery.trim() !== "" ? (
            <Text style={{ ...s.text, margin: 0 }}>
              <Lines text={line.delivery.trim()} />
            </Text>
          ) : (
            <Text style={{ ...s.text, margin: 0 }}>{t("email.digital.fromSeller")}</Text>
          )}
        </Section>
      ))}
      <Text style={s.muted}>{t("email.digital.keep")}</Text>
      <Text style={{ ...s.text, margin: "24px 0 0" }}>{t("email.digital.orderPage")}</Text>
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
    </EmailLayout>
  );
}
