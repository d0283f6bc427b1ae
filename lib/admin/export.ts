// The accountant's export (point 7 of issue 30): the orders the orders page's filter selects, as
// CSV, streamed. Orders are read in batches by keyset (`id > last` in id order, EXPORT_BATCH at a
// time) with their invoices, parcels and lines, turned into rows (lib/export/order-rows.ts) and
// written out before the next batch is read, so the server holds one batch however many orders
// match. The export is an `order.exported` activity entry once the stream ends (or is abandoned),
// with the filter, the shape and the rows written.
import "server-only";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import { orderItems, orders, parcels, paymentAttempts, sellers } from "@/lib/db/schema";
import { csvRow, UTF8_BOM } from "@/lib/export/csv";
import { orderRows, type ExportOrder, type ExportShape } from "@/lib/export/order-rows";
import type { ShopTimeZone } from "@/lib/time-zone";
import type { ActedBy } from "./admin-action";
import type { OrderFilter } from "./filter";
import { filterConditions } from "./orders";

/** Orders read per query: large enough for few round trips, small enough to keep memory flat. */
export const EXPORT_BATCH = 500;

/** One batch of the filter's orders after `afterId`, in id order, with what their rows need. */
export async function exportBatch(
  filter: OrderFilter,
  zone: ShopTimeZone,
  afterId: number,
  limit: number = EXPORT_BATCH,
): Promise<ExportOrder[]> {
  return run(async (db) => {
    const found = await db
      .select({
        id: orders.id,
        publicToken: orders.publicToken,
        createdAt: orders.createdAt,
        paidAt: orders.paidAt,
        customerFirstName: orders.customerFirstName,
        customerLastName: orders.customerLastName,
        customerEmail: orders.customerEmail,
        customerPhone: orders.customerPhone,
        status: orders.status,
        fulfilment: orders.fulfilment,
        subtotal: orders.subtotal,
        shippingTotal: orders.shippingTotal,
        total: orders.total,
        refundedTotal: orders.refundedTotal,
      })
      .from(orders)
      .where(and(gt(orders.id, afterId), filterConditions(filter, { status: true }, zone)))
      .orderBy(asc(orders.id))
      .limit(limit);
    if (found.length === 0) return [];
    const ids = found.map((o) => o.id);
    const invoices = await db
      .select({ orderId: paymentAttempts.orderId, invoice: paymentAttempts.invoiceNumber })
      .from(paymentAttempts)
      .where(inArray(paymentAttempts.orderId, ids))
      .orderBy(asc(paymentAttempts.id));
    const shipped = await db
      .select({
        orderId: parcels.orderId,
        courier: parcels.courier,
        trackingNumber: parcels.trackingNumber,
      })
      .from(parcels)
      .where(inArray(parcels.orderId, ids))
      .orderBy(asc(parcels.id));
    const lines = await db
      .select({
        orderId: orderItems.orderId,
        kind: orderItems.kind,
        name: orderItems.name,
        sku: orderItems.sku,
        seller: sellers.name,
        quantity: orderItems.quantity,
        unitPrice: orderItems.unitPrice,
        lineTotal: orderItems.lineTotal,
      })
      .from(orderItems)
      .leftJoin(sellers, eq(sellers.id, orderItems.sellerId))
      .where(inArray(orderItems.orderId, ids))
      .orderBy(asc(orderItems.id));
    return found.map((order) => ({
      ...order,
      invoices: invoices.filter((i) => i.orderId === order.id).map((i) => i.invoice),
      parcels: shipped.filter((p) => p.orderId === order.id),
      lines: lines.filter((l) => l.orderId === order.id),
    }));
  });
}

export interface ExportRequest {
  filter: OrderFilter;
  shape: ExportShape;
  zone: ShopTimeZone;
  /** The header row's words, in the staff member's language. */
  header: string[];
  by: ActedBy;
  batchSize?: number;
}

/** The filter as the activity entry keeps it: only what was set. */
const filterRecord = (filter: OrderFilter) => ({
  status: filter.status,
  ...(filter.fulfilment !== "all" ? { fulfilment: filter.fulfilment } : {}),
  ...(filter.from ? { from: filter.from } : {}),
  ...(filter.to ? { to: filter.to } : {}),
  ...(filter.q ? { q: filter.q } : {}),
});

/**
 * The CSV as a byte stream: the BOM and the header first, then one batch per pull, so the
 * consumer's pace decides how fast the database is read (backpressure) and only one batch is held.
 */
export function exportStream(request: ExportRequest): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = 0;
  let rows = 0;
  let recorded = false;
  const record = async (complete: boolean) => {
    if (recorded) return;
    recorded = true;
    await transaction((tx) =>
      recordActivity(tx, {
        actor: request.by.staff,
        action: "order.exported",
        after: { filter: filterRecord(request.filter), shape: request.shape, rows, complete },
        clientAddress: request.by.clientAddress,
      }),
    );
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(UTF8_BOM + csvRow(request.header)));
      },
      async pull(controller) {
        try {
          const batch = await exportBatch(
            request.filter,
            request.zone,
            afterId,
            request.batchSize ?? EXPORT_BATCH,
          );
          if (batch.length === 0) {
            await record(true);
            controller.close();
            return;
          }
          afterId = batch[batch.length - 1]!.id;
          let text = "";
          for (const order of batch) {
            for (const row of orderRows(order, request.shape, request.zone)) {
              text += csvRow(row);
              rows += 1;
            }
          }
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        // The browser went away mid-file: the entry still says who took how much.
        await record(false);
      },
    },
    // One batch queued ahead at most: pull is called again only once the consumer has read it.
    { highWaterMark: 1 },
  );
}
