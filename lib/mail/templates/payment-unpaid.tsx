// The two "not paid" emails: "Pembayaran belum berhasil" (Kredivo or DOKU turned the payment down)
// and "Waktu pembayaran habis" (the shopper did not finish in time). Both say nothing was charged,
// link to the order page where the "pay again" button is, and show what the order holds.
import { Heading, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderFacts, OrderItems, OrderLink } from "./parts";
import * as s from "./styles";

function PaymentUnpaidEmail({
  email,
  t,
  subject,
  status,
}: TemplateProps & { status: "failed" | "expired" }) {
  const { order } = email;
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t(`email.${status}.preview`)}>
      <Heading as="h1" style={s.h1}>
        {t(`email.${status}.heading`)}
      </Heading>
      <Text style={s.text}>
        {t(`email.${status}.intro`, { name: order.customerFirstName, reference: order.reference })}
      </Text>
      <Text style={s.text}>
        <strong style={s.strong}>{t("email.unpaid.nothingCharged")}</strong>{" "}
        {t("email.unpaid.orderKept")}
      </Text>
      <Text style={{ ...s.text, margin: 0 }}>{t("email.unpaid.payAgainHow")}</Text>
      <OrderLink href={order.url} label={t("email.unpaid.payAgain")} t={t} />
      <OrderFacts email={email} t={t} status={status} />
      <OrderItems email={email} t={t} />
    </EmailLayout>
  );
}

type TemplateProps = EmailTemplateProps & { subject: string };

export const PaymentFailedEmail = (props: TemplateProps) => (
  <PaymentUnpaidEmail {...props} status="failed" />
);
export const PaymentExpiredEmail = (props: TemplateProps) => (
  <PaymentUnpaidEmail {...props} status="expired" />
);
