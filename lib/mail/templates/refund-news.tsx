// The shopper's emails about a cancellation or a refund. Each says what happens to their money:
// an unpaid order cancelled charged nothing; a paid one is refunded through Kredivo (DOKU makes
// the refund, the shop records it), with the amount; a refund requested, then completed.
import { Heading, Text } from "@react-email/components";
import { formatRupiah } from "@/lib/money";
import { EmailLayout, type EmailTemplateProps } from "./layout";
import { OrderFacts, OrderItems, OrderLink } from "./parts";
import * as s from "./styles";

type TemplateProps = EmailTemplateProps & { subject: string };

export function OrderCancelledEmail({ email, t, subject }: TemplateProps) {
  const { order } = email;
  const paid = order.paidAt !== null;
  // Without a refund row (an earlier refund already asked for everything) no amount is promised.
  const refund = email.refund;
  const money = !paid
    ? t("email.cancelled.nothingCharged")
    : refund
      ? t("email.cancelled.refund", { amount: formatRupiah(refund.amount) })
      : t("email.cancelled.refundRecorded");
  return (
    <EmailLayout email={email} t={t} title={subject} preview={t("email.cancelled.preview")}>
      <Heading as="h1" style={s.h1}>
        {t("email.cancelled.heading")}
      </Heading>
      <Text style={s.text}>
        {t("email.cancelled.intro", { name: order.customerFirstName, reference: order.reference })}
      </Text>
      <Text style={s.text}>
        <strong style={s.strong}>{money}</strong>
        {paid ? ` ${t("email.refund.where")}` : null}
      </Text>
      <OrderFacts email={email} t={t} status={paid ? "paid" : "cancelled"} />
      <OrderItems email={email} t={t} />
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
    </EmailLayout>
  );
}

function RefundEmail({
  email,
  t,
  subject,
  stage,
}: TemplateProps & { stage: "requested" | "completed" }) {
  const { order } = email;
  const amount = formatRupiah(email.refund?.amount ?? 0);
  return (
    <EmailLayout
      email={email}
      t={t}
      title={subject}
      preview={t(`email.refund.${stage}.preview`, { amount })}
    >
      <Heading as="h1" style={s.h1}>
        {t(`email.refund.${stage}.heading`)}
      </Heading>
      <Text style={s.text}>
        {t(`email.refund.${stage}.intro`, {
          name: order.customerFirstName,
          reference: order.reference,
          amount,
        })}
      </Text>
      <Text style={s.text}>{t("email.refund.where")}</Text>
      {stage === "requested" ? (
        <Text style={s.text}>{t("email.refund.requested.when")}</Text>
      ) : null}
      <OrderLink href={order.url} label={t("email.order.view")} t={t} />
      <OrderFacts
        email={email}
        t={t}
        status={stage === "completed" && email.refund?.full ? "refunded" : "paid"}
      />
      <OrderItems email={email} t={t} />
    </EmailLayout>
  );
}

export const RefundRequestedEmail = (props: TemplateProps) => (
  <RefundEmail {...props} stage="requested" />
);
export const RefundCompletedEmail = (props: TemplateProps) => (
  <RefundEmail {...props} stage="completed" />
);
