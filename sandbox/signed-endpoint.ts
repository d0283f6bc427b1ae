// The opening both signed DOKU endpoints of the sandbox share: a responder that signs every
// answer over the path as it was called, and the caller's authentication — refused with DOKU's
// signed error envelope before the endpoint looks at anything else.
import type { SandboxContext } from "./context";
import { authenticate } from "./request-auth";
import { errorBody, signedJson } from "./signed-response";

type Ids = { clientId: string; requestId: string };
export type Respond = (status: number, body: string, ids: Ids, badSignature?: boolean) => Response;

export function openSignedRequest(
  ctx: SandboxContext,
  request: Request,
  label: string,
  /** The exact body bytes for POST; null for GET. */
  body: Uint8Array | null,
): { ok: true; auth: Ids; respond: Respond } | { ok: false; response: Response } {
  const { config, state } = ctx;
  // Signed over the path as sent, still percent-encoded.
  const target = new URL(request.url).pathname;
  const respond: Respond = (status, text, ids, badSignature = false) =>
    signedJson({
      status,
      body: text,
      ...ids,
      target,
      secretKey: config.secretKey,
      now: state.now(),
      badSignature,
      method: request.method,
      mode: state.signingMode,
    });

  const auth = authenticate({
    headers: request.headers,
    target,
    body,
    clientId: config.clientId,
    secretKey: config.secretKey,
    now: state.now(),
  });
  if (!auth.ok) {
    ctx.log(`[${label}] ${auth.status} ${auth.code}: ${auth.message}`);
    const type = auth.status === 401 ? "authentication_error" : "invalid_request";
    return {
      ok: false,
      response: respond(auth.status, errorBody(auth.code, auth.message, type), auth),
    };
  }
  return { ok: true, auth, respond };
}
