// "Pesanan kamu sudah dikirim": one seller's parcel left with a courier. Says who sent what, with
// which courier, the tracking number (resi) and where to follow it; the number is the one current
// when the email is rendered, so a resend after a correction carries the corrected one.
import { Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderLink, ShippingAddress } from "./parts";
import * as s from "./styles";

export function ParcelShippedEmail({
  email,
  t,
  subject,
}: EmailTemplateProps & { subject: string }) {
  const { order, parcel } = email;
  if (!parcel) throw new Error("A shipped email needs its parcel");
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t("email.shipped.preview")}>
      <Heading as="h1" style={s.h1}>
        {t("email.shipped.heading")}
      </Heading>
      <Text style={s.text}>
        {t("email.shipped.intro", {
          name: order.customerFirstName,
          reference: order.reference,
          seller: parcel.seller,
        })}
      </Text>
      <Section style={s.panel}>
        <Text style={{ ...s.text, margin: "0 0 4px" }}>
          {t("email.shipped.courier")}: <strong style={s.strong}>{parcel.courier}</strong>
        </Text>
        <Text style={{ ...s.text, margin: 0 }}>
          {t("email.shipped.trackingNumber")}:{" "}
          <strong style={{ ...s.strong, fontFamily: "monospace", letterSpacing: "0.05em" }}>
            {parcel.trackingNumber}
          </strong>
        </Text>
        {parcel.trackingUrl ? (
          <Text style={{ ...s.text, margin: "12px 0 0" }}>
            <Link href={parcel.trackingUrl} style={s.link}>
              {t("email.shipped.track", { courier: parcel.courier })}
            </Link>
            {parcel.perNumber ? null : (
              <>
                <br />
                <span style={s.muted}>{t("email.shipped.pasteNumber")}</span>
              </>
            )}
          </Text>
        ) : null}
      </Section>
      <Heading as="h2" style={s.h2}>
        {t("email.shipped.items", { seller: parcel.seller })}
      </Heading>
      <table
        className="items"
        style={s.table}
        cellPadding={0}
        cellSpacing={0}
        border={0}
        width="100%"
      >
        <thead>
          <tr>
            <th style={s.th}>{t("email.shipped.item")}</th>
            <th style={s.thNumber}>{t("email.shipped.quantity")}</th>
          </tr>
        </thead>
        <tbody>
          {parcel.items.map((item, i) => (
            <tr key={i}>
              <td style={s.td}>{item.name}</td>
              <td style={s.tdNumber}>{item.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShippingAddress email={email} t={t} />
      <Text style={{ ...s.text, margin: "24px 0 0" }}>{t("email.shipped.orderPage")}</Text>
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
    </EmailLayout>
  );
}
