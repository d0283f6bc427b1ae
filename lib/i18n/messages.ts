// Every string the shop shows, per language, in messages/<locale>/<area>.json: common (words
// shared by the shop, the back office and the emails), shop, admin, email. Indonesian is the
// source: `Messages` is its shape, and English must have exactly that shape, so a key missing in
// English fails `npm run typecheck` (tests/unit/messages.test.ts also catches extra keys and
// placeholders that differ). Pure: the email renderer and tests import it outside Next.
import enAdmin from "@/messages/en/admin.json";
import enCommon from "@/messages/en/common.json";
import enEmail from "@/messages/en/email.json";
import enShop from "@/messages/en/shop.json";
import idAdmin from "@/messages/id/admin.json";
import idCommon from "@/messages/id/common.json";
import idEmail from "@/messages/id/email.json";
import idShop from "@/messages/id/shop.json";
import type { Locale } from "./locales";

const id = { common: idCommon, shop: idShop, admin: idAdmin, email: idEmail };
export type Messages = typeof id;

const en: Messages = { common: enCommon, shop: enShop, admin: enAdmin, email: enEmail };

export const messages: Record<Locale, Messages> = { id, en };
