// What the shopper (on the Kredivo page) or a test (through the control API) can do to an
// order. Both paths go through here so that they notify the merchant identically.
import { takeNotificationModes } from "./faults";
import type { Notifier } from "./notifications";
import type { SandboxOrder, SandboxState, Tenor } from "./state";

/** The shopper's redirect waits at most this long for the first notification attempt. */
const FIRST_ATTEMPT_WAIT_MS = 5_000;

export type SettleResult =
  | { ok: true; order: SandboxOrder }
  | {
      ok: false;
      status: 409;
      code: "order_expired" | "order_not_pending" | "order_not_paid";
      message: string;
      order: SandboxOrder;
    };

export class Settlement {
  constructor(
    private readonly state: SandboxState,
    private readonly notifier: Notifier,
  ) {}

  approve(order: SandboxOrder, tenor: Tenor = "30d"): Promise<SettleResult> {
    return this.settle(order, "approve", tenor);
  }

  decline(order: SandboxOrder): Promise<SettleResult> {
    return this.settle(order, "decline", null);
  }

  expire(order: SandboxOrder): SettleResult {
    const refused = this.refuseUnlessPending(order);
    if (refused) return refused;
    order.status = "EXPIRED";
    order.statusChangedAt = this.state.now();
    return { ok: true, order };
  }

  /** DOKU has no Kredivo refund API; this only changes what check status reports. */
  refund(order: SandboxOrder): SettleResult {
    this.state.refreshExpiry(order);
    if (order.status !== "SUCCESS") {
      return {
        ok: false,
        status: 409,
        code: "order_not_paid",
        message: `order ${order.invoiceNumber} is ${order.status}; only a SUCCESS order can be refunded`,
        order,
      };
    }
    order.status = "REFUNDED";
    order.statusChangedAt = this.state.now();
    return { ok: true, order };
  }

  private async settle(
    order: SandboxOrder,
    action: "approve" | "decline",
    tenor: Tenor | null,
  ): Promise<SettleResult> {
    const refused = this.refuseUnlessPending(order);
    if (refused) return refused;

    const modes = takeNotificationModes(this.state.faults, action);
    order.status = action === "approve" ? "SUCCESS" : "FAILED";
    order.statusChangedAt = this.state.now();
    order.tenor = tenor;

    const firstAttempt = modes.failedThenSuccess
      ? // Out of order on purpose: the merchant must not let a late FAILED undo nor block SUCCESS.
        this.notifier
          .send(order, "FAILED", modes)
          .then(() => this.notifier.send(order, "SUCCESS", { ...modes, delayMs: 0 }))
      : this.notifier.send(order, order.status === "SUCCESS" ? "SUCCESS" : "FAILED", modes);

    // By default the notification has landed before the shopper is back on the merchant's
    // site; a delay fault exists precisely to test the opposite, so it is not waited for.
    if (modes.delayMs === 0) await settledWithin(firstAttempt, FIRST_ATTEMPT_WAIT_MS);
    else firstAttempt.catch(() => undefined);
    return { ok: true, order };
  }

  private refuseUnlessPending(order: SandboxOrder): SettleResult | null {
    this.state.refreshExpiry(order);
    if (order.status === "PENDING") return null;
    if (order.status === "EXPIRED") {
      return {
        ok: false,
        status: 409,
        code: "order_expired",
        message: `order ${order.invoiceNumber} expired at ${order.expiresAt.toISOString()}`,
        order,
      };
    }
    return {
      ok: false,
      status: 409,
      code: "order_not_pending",
      message: `order ${order.invoiceNumber} is already ${order.status}`,
      order,
    };
  }
}

async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
