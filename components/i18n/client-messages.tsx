// Hands the client components below it the words they use, and only those
// (lib/i18n/client-messages.ts says why and which). A server component.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, type ClientNamespaces } from "@/lib/i18n/client-messages";

export async function ClientMessages({ namespaces, children }: { namespaces: ClientNamespaces; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), namespaces)}>{children}</NextIntlClientProvider>;
}
