// The checkout form's words, in the shopper's language, rendered on the server and handed to the
// client form (./checkout-form.tsx) as plain strings: the browser formats no message.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { CheckoutErrorKey } from "@/lib/checkout/schema";
import { messages } from "@/lib/i18n/messages";

const LABELS = [
  "contact",
  "firstName",
  "lastName",
  "email",
  "phone",
  "phoneHint",
  "shippingAddress",
  "street",
  "city",
  "postalCode",
  "courierPhone",
  "country",
  "countryName",
  "billingSame",
  "billingAddress",
  "billingFirstName",
  "billingLastName",
  "billingStreet",
  "billingCity",
  "billingPostalCode",
  "billingPhone",
] as const;

export type CheckoutFormWords = {
  labels: Record<(typeof LABELS)[number], string>;
  /** Every field error the schema or the server can give (shop.checkout.errors), by key. */
  errors: Record<CheckoutErrorKey, string>;
  /** The form's own problem: the server could not be reached. */
  network: string;
  payWith: string;
  redirecting: string;
  approveThere: string;
};

type Tree = { [key: string]: string | Tree };

/** "firstName.required" and so on: the leaves of a message tree, as dotted keys. */
function leaves(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

// Every language has the same keys (lib/i18n/messages.ts), so the default one's are the list.
const ERROR_KEYS = leaves(messages.id.shop.checkout.errors) as CheckoutErrorKey[];

export async function checkoutFormWords(): Promise<CheckoutFormWords> {
  const [t, kredivo, common] = await Promise.all([
    getTranslations("shop.checkout"),
    getTranslations("shop.kredivo"),
    getTranslations("common.kredivo"),
  ]);
  return {
    labels: Object.fromEntries(
      LABELS.map((label) => [label, t(label)]),
    ) as CheckoutFormWords["labels"],
    errors: Object.fromEntries(
      ERROR_KEYS.map((key) => [key, t(`errors.${key}`)]),
    ) as CheckoutFormWords["errors"],
    network: t("problem.network"),
    payWith: common("payWith"),
    redirecting: kredivo("redirecting"),
    approveThere: kredivo("approveThere"),
  };
}
