// "Terima kasih!": the order is paid with Kredivo. What was bought, what it cost, where it goes.
import { Heading, Text } from "@react-email/components";
import { formatShopTime } from "@/lib/format";
import { formatRupiah } from "@/lib/money";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderFacts, OrderItems, OrderLink, ShippingAddress } from "./parts";
import * as s from "./styles";

export function OrderConfirmationEmail({
  email,
  t,
  subject,
}: EmailTemplateProps & { subject: string }) {
  const { order } = email;
  const total = formatRupiah(order.total);
  return (
    <EmailLayout
      email={email}
      t={t}
      title={subject}
      preview={t("email.confirmation.preview", { total })}
    >
      <Heading as="h1" style={s.h1}>
        {t("email.confirmation.heading", { name: order.customerFirstName })}
      </Heading>
      <Text style={s.text}>{t("email.confirmation.intro", { total })}</Text>
      <OrderFacts email={email} t={t} status="paid" />
      <OrderItems email={email} t={t} />
      <Text style={{ ...s.text, margin: "16px 0 4px" }}>
        <strong style={s.strong}>
          {order.paidAt
            ? t("email.confirmation.paidWithAt", {
                date: formatShopTime(order.paidAt, email.locale, email.zone),
              })
            : t("email.confirmation.paidWith")}
        </strong>
      </Text>
      <Text style={s.muted}>{t("email.confirmation.kredivoBill")}</Text>
      <ShippingAddress email={email} t={t} />
      <Text style={{ ...s.text, margin: "32px 0 0" }}>{t("email.confirmation.orderPage")}</Text>
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
    </EmailLayout>
  );
}
