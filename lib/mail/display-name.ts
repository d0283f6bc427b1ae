// The one door through which a shopper-typed name reaches an email. Checkout lets a stranger type
// a first name and name any address as the recipient, so the greeting is the only text in a
// payment email an attacker chooses: it is cut down to what a name is, so no link, address or
// phone number of theirs can appear (or be made clickable) in the shop's email. Pure.

/** A greeting needs at most the first few words of a name; this bounds what a stranger can say. */
export const GREETING_NAME = { maxLength: 30, maxWords: 3 } as const;
/** The shipping block shows first and last name: a little longer, still bounded. */
export const ADDRESS_NAME = { maxLength: 60, maxWords: 6 } as const;

// What a name holds: letters and their marks of any script, spaces, apostrophes, dots, hyphens.
const NAME_CHARS = /^[\p{L}\p{M}\s'’.\-]*/u;

/**
 * The name as an email may show it, or null when nothing of a name is left (the caller greets
 * neutrally). Reads only up to the first character a name never holds ("URGENT: call +62 …"
 * gives "URGENT"): what follows such a character is a message, not a name. Orders placed before
 * the checkout refused such names still pass through here, so this is the guarantee, not the form.
 */
export function displayName(
  raw: string | null | undefined,
  bounds: { maxLength: number; maxWords: number } = GREETING_NAME,
): string | null {
  if (!raw) return null;
  // NFKC folds look-alikes a name check would otherwise miss (full-width ＠, ：, digits).
  const prefix = NAME_CHARS.exec(raw.normalize("NFKC"))?.[0] ?? "";
  const words = prefix
    // A dot between letters reads as a domain ("toko.example"): a space keeps it from linking.
    .replace(/\.(?=[\p{L}\p{M}])/gu, ". ")
    .split(/\s+/u)
    // A word is kept from its first letter on, and only if it has one (no bare "-" or "'").
    .map((word) => word.replace(/^[^\p{L}]+/u, ""))
    .filter((word) => /\p{L}/u.test(word))
    .slice(0, bounds.maxWords);
  let name = "";
  for (const word of words) {
    const next = name ? `${name} ${word}` : word;
    if ([...next].length <= bounds.maxLength) {
      name = next;
      continue;
    }
    // A first word longer than the bound is cut (by code points, never inside a surrogate pair).
    if (!name) name = [...word].slice(0, bounds.maxLength).join("");
    break;
  }
  return name || null;
}
