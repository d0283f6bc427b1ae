// What an order email says, as data: the sender (lib/mail/sender.ts) builds it from the database,
// the templates (lib/mail/templates/) turn it into a subject, HTML and plain text. Pure.
import type { AccountEmailKind, OrderEmailKind, UserRole } from "@/lib/db/schema/values";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopTimeZone } from "@/lib/time-zone";

export {
  accountEmailKinds,
  emailKinds,
  orderEmailKinds,
  type AccountEmailKind,
  type EmailKind,
  type OrderEmailKind,
} from "@/lib/db/schema/values";

export interface EmailLine {
  name: string;
  quantity: number;
  /** Integer rupiah. */
  unitPrice: number;
  lineTotal: number;
  /** A shipping line is the seller's flat fee, not a product. */
  kind: "product" | "shipping";
  /** The seller whose fee a shipping line is (the email words it in the shopper's language). */
  seller: string | null;
  digital: boolean;
  /** Digital products: what the shopper gets and where, as the merchant wrote it (products.digital_delivery). */
  delivery: string | null;
}

export interface OrderEmail {
  kind: OrderEmailKind;
  locale: Locale;
  zone: ShopTimeZone;
  order: {
    /** The 8-character reference shoppers quote (lib/format.ts orderReference). */
    reference: string;
    customerFirstName: string;
    placedAt: Date;
    paidAt: Date | null;
    subtotal: number;
    shippingTotal: number;
    total: number;
    /** The order page, where the shopper sees the status and (when failed or expired) pays again. */
    url: string;
    /** Null when the order has nothing to ship (digital only). */
    shipping: {
      name: string;
      address: string;
      city: string;
      postalCode: string;
      phone: string;
    } | null;
  };
  lines: EmailLine[];
  /** The refund a refund or cancellation email is about (email_outbox.refund_id); null otherwise. */
  refund?: { amount: number; full: boolean } | null;
  /** The parcel a "shipped" email is about (kind parcel_shipped); absent for other kinds. */
  parcel?: ParcelEmailPart | null;
}

/** A shipped parcel as its email tells it: the tracking number current when the email is rendered. */
export interface ParcelEmailPart {
  seller: string;
  items: { name: string; quantity: number }[];
  /** The courier's name (lib/fulfilment/couriers.ts), or the host of an "other" courier's page. */
  courier: string;
  trackingNumber: string;
  /** The courier's tracking page; `perNumber` when the number is already in it. */
  trackingUrl: string | null;
  perNumber: boolean;
}

/** An email about a back-office account: an invitation to join, or a password reset link. */
export interface AccountEmail {
  kind: AccountEmailKind;
  locale: Locale;
  zone: ShopTimeZone;
  /** The one-time link (lib/auth/account-tokens.ts); never logged. */
  link: string;
  expiresAt: Date;
  /** Invitations: who invited, and as what. */
  invitedBy: string | null;
  role: UserRole | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
