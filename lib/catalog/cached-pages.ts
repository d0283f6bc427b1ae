// The catalogue and product pages are cached (app/[locale]/(shop)/page.tsx, products/[slug]) and
// show each product's stock. Shopper actions that reserve or release units call this so those
// pages are rendered afresh on their next request; changes made outside a request (a DOKU
// notification, the reconciler, `npm run stock`, another instance) show within the pages'
// revalidate window instead (docs/caching.md).
import "server-only";
import { revalidatePath } from "next/cache";

export function stockMayHaveChanged(): void {
  revalidatePath("/[locale]", "layout");
}
