// Verifying the signature on DOKU's answer to our own call. DOKU says a merchant *can* verify it
// but publishes no vector, and its own libraries never do, so this check copes with both readings
// of its pages and, when nothing verifies, says exactly what it compared: a merchant can show DOKU
// what they saw. Pure (configuration comes in as arguments), so the sandbox and tests share it.
import { responseComponents, verifySignature } from "./signature";

export type SignatureVariant = "with_digest" | "without_digest";

export interface ResponseSignatureCheck {
  valid: boolean;
  /** Which component string verified; null when none did. */
  variant: SignatureVariant | null;
  /** Why it did not verify, in a sentence; null when it did. */
  problem: string | null;
  /** Which of DOKU's response headers were present. */
  headers: Record<"Client-Id" | "Request-Id" | "Response-Timestamp" | "Signature", boolean>;
  /** The component strings tried, in order (no secret in them: the Digest is of the body). */
  tried: string[];
}

export interface ResponseToCheck {
  method: "GET" | "POST";
  /** The path we called, as sent. */
  path: string;
  body: string;
  headers: Headers;
  /** What we sent: the response must name the same Client-Id and Request-Id. */
  sent: { clientId: string; requestId: string };
  secretKey: string;
}

export function checkResponseSignature(r: ResponseToCheck): ResponseSignatureCheck {
  const get = (name: string) => r.headers.get(name);
  const headers = {
    "Client-Id": get("client-id") !== null,
    "Request-Id": get("request-id") !== null,
    "Response-Timestamp": get("response-timestamp") !== null,
    Signature: get("signature") !== null,
  };
  const fail = (problem: string, tried: string[] = []): ResponseSignatureCheck => ({
    valid: false,
    variant: null,
    problem,
    headers,
    tried,
  });

  // DOKU echoes our Client-Id and Request-Id; an answer naming others is not an answer to us.
  const clientId = get("client-id") ?? r.sent.clientId;
  const requestId = get("request-id") ?? r.sent.requestId;
  if (clientId !== r.sent.clientId)
    return fail(`the response's Client-Id ${clientId} is not ours (${r.sent.clientId})`);
  if (requestId !== r.sent.requestId)
    return fail(
      `the response's Request-Id ${requestId} is not the one we sent (${r.sent.requestId})`,
    );
  const missing = (["Response-Timestamp", "Signature"] as const).filter((name) => !headers[name]);
  if (missing.length > 0) return fail(`no ${missing.join(" or ")} header in the response`);

  const base = {
    clientId,
    requestId,
    responseTimestamp: get("response-timestamp")!,
    requestTarget: r.path,
  };
  // DOKU's component table says the Digest line is "only applied for POST Method": a GET's answer
  // may be signed without it. Either reading needs the Secret Key, so accepting both admits no forgery.
  const variants: [SignatureVariant, string][] = [
    ["with_digest", responseComponents({ ...base, body: r.body })],
  ];
  if (r.method === "GET")
    variants.push(["without_digest", responseComponents({ ...base, body: null })]);
  for (const [variant, components] of variants) {
    if (verifySignature(components, get("signature"), r.secretKey))
      return { valid: true, variant, problem: null, headers, tried: [components] };
  }
  return fail(
    `the Signature matches none of the ${variants.length} component string(s) tried`,
    variants.map(([, components]) => components),
  );
}
