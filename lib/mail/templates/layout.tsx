// The frame every order email shares: the language on <html>, a title and preview text, the shop's
// name as a text logo (no images anywhere, so nothing is lost when a mail client blocks them) and
// a footer saying who sends the email, why, and for which order.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { OrderEmail } from "@/lib/mail/email";
import type { EmailTranslator } from "./i18n";
import * as s from "./styles";

export interface EmailTemplateProps {
  email: OrderEmail;
  t: EmailTranslator;
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
    <Html lang={email.locale} dir="ltr">
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
            <Text style={s.logo}>{shopName}</Text>
          </Section>
          {children}
          <Hr style={s.hr} />
          <Section>
            <Text style={s.footer}>{t("email.layout.why", { shopName })}</Text>
            <Text style={s.footer}>
              {t("email.layout.reference", { reference: email.order.reference })}
            </Text>
            <Text style={s.footer}>{t("email.layout.privateLink")}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
