// Fault scenarios a test switches on through the control API. Request faults (generate-order,
// check-status) are consumed one per request; notification modes one per settled order.
import { randomUUID } from "node:crypto";
import { z } from "zod";

const times = z.int().min(1).max(10_000).default(1);
const holdMs = z.int().min(0).max(600_000).default(30_000);

const NOTIFICATION_KINDS = [
  "duplicate",
  "delay",
  "drop",
  "failed-then-success",
  "tampered-signature",
] as const;

export const faultInputSchema = z.preprocess(
  // The notification kinds are unambiguous, so `{"kind":"delay","ms":500}` needs no target.
  (v) =>
    v !== null &&
    typeof v === "object" &&
    !("target" in v) &&
    "kind" in v &&
    (NOTIFICATION_KINDS as readonly unknown[]).includes(v.kind)
      ? { ...v, target: "notification" }
      : v,
  z.discriminatedUnion("target", [
    z.strictObject({
      target: z.literal("generate-order"),
      kind: z.enum(["error500", "timeout", "failed-status", "bad-signature"]),
      times,
      ms: holdMs,
    }),
    z.strictObject({
      target: z.literal("check-status"),
      /** The last three answer 200, correctly signed, with a body that does not fit the order:
       * another amount, another invoice number, or a status DOKU never documented. */
      kind: z.enum([
        "error500",
        "timeout",
        "bad-signature",
        "wrong-amount",
        "wrong-invoice",
        "unrecognised-status",
      ]),
      times,
      ms: holdMs,
      /** Only status checks of this invoice (or Request-Id) are affected, so a test's fault is
       * never used up by someone else's check, e.g. the app's reconciler. */
      invoice: z.string().min(1).max(128).optional(),
    }),
    z.discriminatedUnion("kind", [
      z.strictObject({
        target: z.literal("notification"),
        kind: z.literal("duplicate"),
        copies: z.int().min(2).max(20).default(2),
        times,
      }),
      z.strictObject({
        target: z.literal("notification"),
        kind: z.literal("delay"),
        ms: z.int().min(1).max(86_400_000),
        times,
      }),
      z.strictObject({
        target: z.literal("notification"),
        kind: z.literal("drop"),
        count: z.int().min(1).max(1_000_000),
        times,
      }),
      z.strictObject({
        target: z.literal("notification"),
        kind: z.literal("failed-then-success"),
        times,
      }),
      z.strictObject({
        target: z.literal("notification"),
        kind: z.literal("tampered-signature"),
        times,
      }),
    ]),
  ]),
);

export type FaultInput = z.infer<typeof faultInputSchema>;
export type Fault = FaultInput & { id: string; remaining: number; createdAt: string };
export type RequestFault = Extract<Fault, { target: "generate-order" | "check-status" }>;

export function createFault(input: FaultInput, now: Date): Fault {
  return { ...input, id: randomUUID(), remaining: input.times, createdAt: now.toISOString() };
}

/** Takes one use of the oldest active fault for this endpoint. */
export function takeRequestFault(
  faults: Fault[],
  target: "generate-order" | "check-status",
  subject?: string,
): RequestFault | undefined {
  const fault = faults.find(
    (f): f is RequestFault =>
      f.target === target &&
      f.remaining > 0 &&
      (!("invoice" in f) || !f.invoice || f.invoice === subject),
  );
  if (fault) consume(faults, fault);
  return fault;
}

export interface NotificationModes {
  copies: number;
  delayMs: number;
  drop: number;
  failedThenSuccess: boolean;
  tampered: boolean;
}

export const NORMAL_DELIVERY: NotificationModes = {
  copies: 1,
  delayMs: 0,
  drop: 0,
  failedThenSuccess: false,
  tampered: false,
};

/**
 * The notification modes for one settled order: one use of the oldest active fault of each
 * kind, so kinds combine (e.g. delayed and duplicated). failed-then-success only makes sense on
 * approve, so a decline leaves it armed for the next approve.
 */
export function takeNotificationModes(
  faults: Fault[],
  settlement: "approve" | "decline",
): NotificationModes {
  const modes = { ...NORMAL_DELIVERY };
  for (const kind of NOTIFICATION_KINDS) {
    if (kind === "failed-then-success" && settlement !== "approve") continue;
    const fault = faults.find(
      (f) => f.target === "notification" && f.kind === kind && f.remaining > 0,
    );
    if (!fault || fault.target !== "notification") continue;
    consume(faults, fault);
    switch (fault.kind) {
      case "duplicate":
        modes.copies = fault.copies;
        break;
      case "delay":
        modes.delayMs = fault.ms;
        break;
      case "drop":
        modes.drop = fault.count;
        break;
      case "failed-then-success":
        modes.failedThenSuccess = true;
        break;
      case "tampered-signature":
        modes.tampered = true;
        break;
    }
  }
  return modes;
}

function consume(faults: Fault[], fault: Fault): void {
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
}
