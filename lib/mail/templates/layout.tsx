// The frame every email shares: the language on <html>, a title and preview text, the shop's name
// as a text logo (no images anywhere, so nothing is lost when a mail client blocks them) and a
// footer saying who sends the email and why. Order emails add the order they are about.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { OrderEmail } from "@/lib/mail/email";
import type { EmailTranslator } from "./i18n";
import * as s from "./styles";

export interface EmailTemplateProps {
  email: OrderEmail;
  t: EmailTranslator;
}

export function EmailFrame({
  locale,
  title,
  preview,
  footer,
  children,
  t,
}: {
  locale: Locale;
  title: string;
  preview: string;
  /** The footer's lines, each a sentence. */
  footer: string[];
  children: ReactNode;
  t: EmailTranslator;
}) {
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Section>
            <Text style={s.logo}>{t("common.shopName")}</Text>
          </Section>
          {children}
          <Hr style={s.hr} />
          <Section>
            {footer.map((line) => (
              <Text key={line} style={s.footer}>
                {line}
              </Text>
            ))}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailLayout({
  email,
  t,
  title,
  preview,
  children,
}: EmailTemplateProps & { title: string; preview: string; children: ReactNode }) {
  const shopName = t("common.shopName");
  return (
    <EmailFrame
      locale={email.locale}
      t={t}
      title={title}
      preview={preview}
      footer={[
        t("email.layout.why", { shopName }),
        t("email.layout.reference", { reference: email.order.reference }),
        t("email.layout.privateLink"),
      ]}
    >
      {children}
    </EmailFrame>
  );
}
