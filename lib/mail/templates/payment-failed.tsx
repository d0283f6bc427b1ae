// "Pembayaran belum berhasil": Kredivo or DOKU turned the payment down.
import type { EmailTemplateProps } from "./layout";
import { PaymentUnpaidEmail } from "./payment-unpaid";

export function PaymentFailedEmail({ email, t, subject }: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  return (
    <PaymentUnpaidEmail
      email={email}
      t={t}
      subject={subject}
      status="failed"
      heading={t("email.failed.heading")}
      intro={t("email.failed.intro", { name: order.customerFirstName, reference: order.reference })}
      preview={t("email.failed.preview")}
    />
  );
}
