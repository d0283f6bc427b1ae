// An order or account email (lib/mail/email.ts) as the subject, HTML and plain text the sender mails: the
// kind picks the template (lib/mail/templates/), the email's language picks the messages
// (messages/<locale>/email.json), times are the shop's zone. Pure (no server-only, no database):
// the sender and tests import it.
import { render } from "@react-email/components";
import { createElement } from "react";
import { ADDRESS_NAME, displayName, GREETING_NAME } from "./display-name";
import type { AccountEmail, OrderEmail, RenderedEmail } from "./email";
import { emailTranslator, templates } from "./templates";
import { AccountLinkEmail } from "./templates/account-link";

// The plain-text part, from the same markup (html-to-text, through @react-email/render): headings
// keep their case, and the items table stays a table of columns instead of one run-on line.
const plainText = {
  selectors: [
    ...(["h1", "h2", "h3"] as const).map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
    {
      selector: "table.items",
      format: "dataTable",
      options: { uppercaseHeaderCells: false, maxColumnWidth: 40 },
    },
  ],
};

export async function renderEmail(email: OrderEmail): Promise<RenderedEmail> {
  if (!/^https?:\/\//i.test(email.order.url))
    throw new Error("An order email's link must be an http(s) URL");
  if (
    email.kind === "digital_delivery" &&
    !email.lines.some((line) => line.kind === "product" && line.digital)
  ) {
    throw new Error("A digital delivery email needs at least one digital line");
  }
  const t = emailTranslator(email.locale);
  // Every template reads the names from here, so none can show a stored name as it was typed.
  const { order } = email;
  const safe: OrderEmail = {
    ...email,
    order: {
      ...order,
      customerFirstName:
        displayName(order.customerFirstName, GREETING_NAME) ?? t("email.greeting.noName"),
      shipping: order.shipping
        ? { ...order.shipping, name: displayName(order.shipping.name, ADDRESS_NAME) ?? "" }
        : null,
    },
  };
  const subject = t(`email.subject.${email.kind}`, {
    reference: email.order.reference,
    shopName: t("common.shopName"),
  });
  const element = createElement(templates[email.kind], { email: safe, t, subject });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainText }),
  ]);
  return { subject, html, text };
}

/** An invitation or a reset link: one template, worded by its kind. */
export async function renderAccountEmail(email: AccountEmail): Promise<RenderedEmail> {
  if (!/^https?:\/\//i.test(email.link))
    throw new Error("An account email's link must be an http(s) URL");
  const t = emailTranslator(email.locale);
  const subject = t(`email.subject.${email.kind}`, { shopName: t("common.shopName") });
  const element = createElement(AccountLinkEmail, { email, t, subject });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainText }),
  ]);
  return { subject, html, text };
}
