// The current request's client address, for server actions (see client-address.ts).
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";

export async function requestAddress(): Promise<string | null> {
  return clientAddress(await headers(), env().TRUSTED_PROXY_HOPS);
}
