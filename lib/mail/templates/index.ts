// One template per email kind: the renderer (lib/mail/render.ts) picks from this table, so a new
// kind in lib/mail/email.ts fails the typecheck until it has a template.
import type { ComponentType } from "react";
import type { OrderEmailKind } from "@/lib/mail/email";
import { DigitalDeliveryEmail } from "./digital-delivery";
import type { EmailTemplateProps } from "./layout";
import { OrderConfirmationEmail } from "./order-confirmation";
import { OrderLinkEmail } from "./order-link";
import { ParcelShippedEmail } from "./parcel-shipped";
import { PaymentRefundedEmail } from "./payment-refunded";
import { PaymentExpiredEmail, PaymentFailedEmail } from "./payment-unpaid";
import { OrderCancelledEmail, RefundCompletedEmail, RefundRequestedEmail } from "./refund-news";

export type TemplateProps = EmailTemplateProps & { subject: string };

export const templates: Record<OrderEmailKind, ComponentType<TemplateProps>> = {
  order_confirmation: OrderConfirmationEmail,
  digital_delivery: DigitalDeliveryEmail,
  payment_failed: PaymentFailedEmail,
  payment_expired: PaymentExpiredEmail,
  payment_refunded: PaymentRefundedEmail,
  parcel_shipped: ParcelShippedEmail,
  order_cancelled: OrderCancelledEmail,
  refund_requested: RefundRequestedEmail,
  refund_completed: RefundCompletedEmail,
  order_link: OrderLinkEmail,
};

export { emailTranslator, type EmailTranslator } from "./i18n";
export type { EmailTemplateProps } from "./layout";
