// Pieces more than one email shows: the order's facts, the items table with its totals, the
// order link (a button and the plain address), the shipping address and merchant-written text.
import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { Fragment } from "react";
import type { OrderStatus } from "@/lib/db/schema/values";
import { formatShopTime } from "@/lib/format";
import type { EmailLine, OrderEmail } from "@/lib/mail/email";
import { formatRupiah } from "@/lib/money";
import type { EmailTranslator } from "./i18n";
import type { EmailTemplateProps } from "./layout";
import * as s from "./styles";

/** Text as someone typed it: each line break kept as a <br>, every character escaped by React. */
export function Lines({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

export function productLines(email: OrderEmail): EmailLine[] {
  return email.lines.filter((line) => line.kind === "product");
}

/** Order reference, when it was placed, and its status in the shop's words (common.status). */
export function OrderFacts({
  email,
  t,
  status,
}: EmailTemplateProps & { status: Exclude<OrderStatus, "pending"> }) {
  const { order } = email;
  const facts: [string, string][] = [
    [t("email.order.reference"), order.reference],
    [t("email.order.placedAt"), formatShopTime(order.placedAt, email.locale, email.zone)],
    [t("email.order.status"), t(`common.status.shopper.${status}`)],
  ];
  return (
    <Section style={s.panel}>
      {facts.map(([label, value], i) => (
        <Text key={label} style={{ ...s.text, margin: i === facts.length - 1 ? 0 : "0 0 4px" }}>
          {label}: <strong style={s.strong}>{value}</strong>
        </Text>
      ))}
    </Section>
  );
}

/** The products (quantity and line total), then subtotal, shipping and total: a real table with headers. */
export function OrderItems({ email, t }: EmailTemplateProps) {
  const { order } = email;
  const shipping = email.lines.filter((line) => line.kind === "shipping");
  const onlyShipping = shipping.length === 1 ? shipping[0] : undefined;
  // The stored line name is the one sent to Kredivo; the email words it in the shopper's language.
  const shippingLabel = (line: EmailLine) =>
    line.seller ? t("email.order.shippingFrom", { seller: line.seller }) : line.name;
  const shippingValue =
    shipping.length === 0 && order.shippingTotal === 0 && order.shipping === null
      ? t("email.order.noShipping")
      : formatRupiah(order.shippingTotal);
  return (
    <>
      <Heading as="h2" style={s.h2}>
        {t("email.order.heading")}
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
            <th scope="col" style={s.th}>
              {t("email.order.product")}
            </th>
            <th scope="col" style={s.thNumber}>
              {t("email.order.quantity")}
            </th>
            <th scope="col" style={s.thNumber}>
              {t("email.order.price")}
            </th>
          </tr>
        </thead>
        <tbody>
          {productLines(email).map((line, i) => (
            <tr key={i}>
              <td style={s.td}>
                <span style={s.strong}>{line.name}</span>
                <div style={s.itemNote}>
                  {t("email.order.unitPrice", { price: formatRupiah(line.unitPrice) })}
                </div>
                {line.digital ? <div style={s.itemNote}>{t("email.order.digital")}</div> : null}
              </td>
              <td style={s.tdNumber}>{line.quantity}</td>
              <td style={s.tdNumber}>{formatRupiah(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2} style={{ ...s.sumLabel, paddingTop: "12px" }}>
              {t("email.order.subtotal")}
            </th>
            <td style={{ ...s.sumValue, paddingTop: "12px" }}>{formatRupiah(order.subtotal)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2} style={s.sumLabel}>
              {t("email.order.shipping")}
              {onlyShipping ? (
                <div style={{ ...s.itemNote, fontWeight: 400 }}>{shippingLabel(onlyShipping)}</div>
              ) : null}
            </th>
            <td style={s.sumValue}>{shippingValue}</td>
          </tr>
          {shipping.length > 1
            ? shipping.map((line, i) => (
                <tr key={i}>
                  <th scope="row" colSpan={2} style={s.sumSubLabel}>
                    {shippingLabel(line)}
                  </th>
                  <td style={s.sumSubValue}>{formatRupiah(line.lineTotal)}</td>
                </tr>
              ))
            : null}
          <tr>
            <th scope="row" colSpan={2} style={s.totalLabel}>
              {t("email.order.total")}
            </th>
            <td style={s.totalValue}>{formatRupiah(order.total)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

/** The order page as a button, and as a plain address for clients that mangle buttons. */
export function OrderLink({ href, label, t }: { href: string; label: string; t: EmailTranslator }) {
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button href={href} style={s.button}>
        {label}
      </Button>
      {/* The plain-text part already shows the address right after the button's label. */}
      <Text style={{ ...s.muted, margin: "16px 0 0" }} data-skip-in-text="true">
        {t("email.order.linkFallback")}{" "}
        <Link href={href} style={s.link}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

export function ShippingAddress({ email, t }: EmailTemplateProps) {
  const address = email.order.shipping;
  if (!address) return null;
  return (
    <>
      <Heading as="h2" style={s.h2}>
        {t("email.address.heading")}
      </Heading>
      <Text style={{ ...s.text, margin: 0 }}>
        <span style={s.strong}>{address.name}</span>
        <br />
        <Lines text={address.address} />
        <br />
        {address.city} {address.postalCode}
        <br />
        {t("email.address.phone", { phone: address.phone })}
      </Text>
    </>
  );
}
