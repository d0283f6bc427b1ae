// DOKU → shop HTTP notification. The body is read once, as raw bytes, and handed as received to
// the payment core's one notification path (lib/payments/notifications.ts).
import { MAX_NOTIFICATION_BYTES, receiveNotification } from "@/lib/payments/notifications";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const raw = await readLimited(request, MAX_NOTIFICATION_BYTES);
  const answer = await receiveNotification(raw, request.headers, {
    url: new URL(request.url).pathname,
  });
  return Response.json(answer.body, { status: answer.status });
}

/** The exact body bytes, or null once it passes `limit` bytes (declared or streamed). */
async function readLimited(request: Request, limit: number): Promise<Buffer | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
