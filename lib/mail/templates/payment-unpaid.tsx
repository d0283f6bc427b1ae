// The body the two "not paid" emails share: nothing was charged, pay again from the order page
// (the link opens the page where the "pay again" button is), and what the order holds.
import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderFacts, OrderItems, OrderLink } from "./parts";
import * as s from "./styles";

export function PaymentUnpaidEmail({
  email,
  t,
  subject,
  status,
  heading,
  intro,
  preview,
}: EmailTemplateProps & { subject: string; status: "failed" | "expired"; heading: string; intro: string; preview: string }) {
  const { order } = email;
  return (
    <EmailLayout email={email} t={t} title={subject} preview={preview}>
      <Heading as="h1" style={s.h1}>
        {heading}
      </Heading>
      <Text style={s.text}>{intro}</Text>
      <Text style={s.text}>
        <strong style={s.strong}>{t("email.unpaid.nothingCharged")}</strong> {t("email.unpaid.orderKept")}
      </Text>
      <Text style={{ ...s.text, margin: 0 }}>{t("email.unpaid.payAgainHow")}</Text>
      <OrderLink href={order.url} label={t("email.unpaid.payAgain")} t={t} />
      <OrderFacts email={email} t={t} status={status} />
      <OrderItems email={email} t={t} />
    </EmailLayout>
  );
}
