// Which words each client component needs in the browser. A client component's messages travel
// in the page's HTML, and next-intl compiles those with values there, so a page passes only the
// namespaces of the client components it renders (components/i18n/client-messages.tsx), never the
// whole catalogue. tests/unit/client-messages.test.ts follows every client component's imports
// and fails when one uses a namespace its list here lacks. Pure.
import type { Messages } from "./messages";

export const clientNamespaces = {
  /** Every shop page: the error page (the header's cart badge gets its words as props). */
  shopLayout: ["shop.error", "shop.actions"],
  /** The product page's add-to-cart form. */
  addToCart: ["shop.product", "shop.stock", "shop.cart.problems"],
  /** The cart's quantity controls. */
  cartLine: ["shop.cart", "shop.stock"],
  /** The checkout form. */
  checkout: ["shop.checkout", "shop.kredivo", "shop.stock", "common.kredivo"],
  /** The order page's automatic refresh. */
  autoRefresh: ["shop.order.autoRefresh"],
} as const;

export type ClientNamespaces = (typeof clientNamespaces)[keyof typeof clientNamespaces];

type Tree = { [key: string]: string | Tree };

/** The messages under the given dotted paths, nested as in the catalogue. */
export function pickMessages(messages: Messages | Tree, paths: readonly string[]): Tree {
  const picked: Tree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: string | Tree | undefined = messages as Tree;
    let to = picked;
    keys.forEach((key, i) => {
      from = typeof from === "object" ? from[key] : undefined;
      if (from === undefined) throw new Error(`no messages at ${path}`);
      if (i === keys.length - 1) to[key] = from;
      else to = (to[key] ??= {}) as Tree;
    });
  }
  return picked;
}
