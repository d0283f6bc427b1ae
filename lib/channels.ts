// The paylater provider this shop takes payments through. The payment core (lib/payments) asks
// for it here, so adding or swapping a provider changes this file and its adapter, not the core.
import "server-only";
import { dokuKredivo } from "@/lib/doku/provider";
import type { PaymentProvider } from "@/lib/payments/provider";

export function paymentProvider(): PaymentProvider {
  return dokuKredivo;
}
