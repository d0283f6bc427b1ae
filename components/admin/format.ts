// How the back office shows a DOKU body; times, days, references and status tones are the shop's
// (lib/format.ts), and every word is a message (messages/*/admin.json).

/** Pretty-printed JSON when the body is JSON, else the body as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
