// One mailbox however its address is written, for limits keyed by the person an email reaches:
// the emails one mailbox gets a day (lib/mail/recipient-limit.ts) and the unpaid orders one
// shopper may hold (lib/checkout/open-holds.ts), so `siti+1@gmail.com` counts as Siti. Pure.

/**
 * One mailbox however its address is written: case, a `+tag` (Gmail, Outlook, Fastmail and others
 * deliver `name+x@` to `name@`) and Gmail's dots all reach the same person.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 0) return address.trim().toLowerCase();
  let local = address.slice(0, at).trim().toLowerCase();
  let domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  local = local.split("+")[0] ?? local;
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}
