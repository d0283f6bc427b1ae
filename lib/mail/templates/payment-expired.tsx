// "Waktu pembayaran habis": the shopper did not finish paying at Kredivo in time.
import type { EmailTemplateProps } from "./layout";
import { PaymentUnpaidEmail } from "./payment-unpaid";

export function PaymentExpiredEmail({ email, t, subject }: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  return (
    <PaymentUnpaidEmail
      email={email}
      t={t}
      subject={subject}
      status="expired"
      heading={t("email.expired.heading")}
      intro={t("email.expired.intro", { name: order.customerFirstName, reference: order.reference })}
      preview={t("email.expired.preview")}
    />
  );
}
