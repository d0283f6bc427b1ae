// Back-office wording for the audit log with DOKU. Order references, times in WIB, status words
// and tones are shared with the shop: they live in lib/format.ts.
import type { EventKind } from "@/lib/db/schema";

export const EVENT_KIND_LABEL: Record<EventKind, string> = {
  generate_order: "generate-order",
  check_status: "check status",
  notification: "notification",
  local_expiry: "local expiry",
};

/** Pretty-printed JSON when the body is JSON, else the body as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
