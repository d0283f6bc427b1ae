// The exports the back-office bench can measure, by name (BENCH_OFFICE_EXPORT, comma-separated,
// each timed in a process of its own). Each is a function that streams every order as CSV text or
// bytes: the bench counts its rows, its rows per second and the process's peak RSS. `app` and
// `app-lines` are the shop's own export end to end (lib/admin/export.ts, as the route
// /admin/orders/export serves it for an empty filter: every order, one row per order or per line,
// its activity entry written at the end); `keyset` is the bare method it is built on (orders read
// in id order, a batch at a time, with their parcels), kept as the floor to compare with.
import { asc, gt, inArray } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { orders, parcels } from "@/lib/db/schema";
import type { ExportShape } from "@/lib/export/order-rows";

export type ExportUnderTest = () => AsyncIterable<string | Uint8Array>;

const BATCH = 1000;

const cell = (value: unknown) => {
  const text = value instanceof Date ? value.toISOString() : String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Every order with its parcels, read by keyset pagination (WHERE id > last ORDER BY id LIMIT n). */
async function* keyset(): AsyncIterable<string> {
  yield "\uFEFFid,token,created_at,email,status,fulfilment,total,refunded,couriers,tracking\n";
  let last = 0;
  for (;;) {
    const batch = await run(async (db) => {
      const rows = await db
        .select({
          id: orders.id,
          token: orders.publicToken,
          createdAt: orders.createdAt,
          email: orders.customerEmail,
          status: orders.status,
          fulfilment: orders.fulfilment,
          total: orders.total,
          refunded: orders.refundedTotal,
        })
        .from(orders)
        .where(gt(orders.id, last))
        .orderBy(asc(orders.id))
        .limit(BATCH);
      const found = rows.length
        ? await db
            .select({
              orderId: parcels.orderId,
              courier: parcels.courier,
              tracking: parcels.trackingNumber,
            })
            .from(parcels)
            .where(
              inArray(
                parcels.orderId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      return { rows, parcels: found };
    });
    if (batch.rows.length === 0) return;
    const byOrder = new Map<number, typeof batch.parcels>();
    for (const p of batch.parcels) byOrder.set(p.orderId, [...(byOrder.get(p.orderId) ?? []), p]);
    let chunk = "";
    for (const row of batch.rows) {
      const own = byOrder.get(row.id) ?? [];
      chunk +=
        [
          row.id,
          row.token,
          row.createdAt,
          row.email,
          row.status,
          row.fulfilment,
          row.total,
          row.refunded,
          own.map((p) => p.courier ?? "").join(" "),
          own.map((p) => p.tracking ?? "").join(" "),
        ]
          .map(cell)
          .join(",") + "\n";
    }
    yield chunk;
    last = batch.rows.at(-1)!.id;
  }
}

/**
 * The shop's export as the route streams it: the filter of a bare /admin/orders/export (every
 * order), the header's words left as column keys (translating them costs nothing per row).
 * Imported when used: its modules open the database of DATABASE_URL.
 */
function shopExport(shape: ExportShape): ExportUnderTest {
  return async function* () {
    const { exportStream } = await import("@/lib/admin/export");
    const { parseOrderFilter } = await import("@/lib/admin/filter");
    const { columnsOf } = await import("@/lib/export/order-rows");
    // Read as the response body is: one chunk at a time, the next batch fetched on demand.
    const reader = exportStream({
      filter: parseOrderFilter({}),
      shape,
      zone: "Asia/Jakarta",
      header: [...columnsOf(shape)],
      by: {
        staff: { id: 0, email: "bench@shop.example", name: "bench", role: "owner" },
        clientAddress: null,
      },
    }).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  };
}

export const exportsUnderTest: Record<string, ExportUnderTest> = {
  app: shopExport("order"),
  "app-lines": shopExport("line"),
  keyset,
};
