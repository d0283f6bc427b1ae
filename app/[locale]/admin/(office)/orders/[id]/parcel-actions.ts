"use server";

// The parcels panel's actions (components/admin/parcels-panel.tsx): ship, correct, mark delivered,
// mark the order completed; staff may do each. adminAction checks the session and the role; the
// ship form is parsed here with the schema the browser used, so the answer names the field.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { shipFieldErrors, shipSchema, type ParcelActionResult } from "@/lib/fulfilment/ship-schema";
import {
  completeOrder,
  correctTracking,
  markParcelDelivered,
  shipParcel,
} from "@/lib/fulfilment/staff";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// The fields as sent; shipSchema judges them below, field by field.
const anyForm = z.looseObject({});
const parcelInput = z.object({ orderId: id, parcelId: id });
const orderInput = z.object({ orderId: id });
const INVALID: ParcelActionResult = { ok: false, refused: "notFound" };

function changed(orderId: number) {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin");
}

const withShipForm =
  (apply: typeof shipParcel) =>
  async (fields: Record<string, unknown>, by: Parameters<typeof shipParcel>[1]) => {
    const parsed = shipSchema.safeParse(fields);
    if (!parsed.success) return { ok: false as const, fieldErrors: shipFieldErrors(parsed.error) };
    const result = await apply(parsed.data, by);
    if (result.ok) changed(parsed.data.orderId);
    return result;
  };

export const shipParcelAction = adminAction(
  { action: "order.parcel_shipped", role: "staff", input: anyForm },
  withShipForm(shipParcel),
  INVALID,
);

export const correctTrackingAction = adminAction(
  { action: "order.tracking_corrected", role: "staff", input: anyForm },
  withShipForm(correctTracking),
  INVALID,
);

export const markDeliveredAction = adminAction(
  { action: "order.parcel_delivered", role: "staff", input: parcelInput },
  async (input, by): Promise<ParcelActionResult> => {
    const result = await markParcelDelivered(input, by);
    if (result.ok) changed(input.orderId);
    return result;
  },
  INVALID,
);

export const completeOrderAction = adminAction(
  { action: "order.completed", role: "staff", input: orderInput },
  async (input, by): Promise<ParcelActionResult> => {
    const result = await completeOrder(input, by);
    if (result.ok) changed(input.orderId);
    return result;
  },
  INVALID,
);
