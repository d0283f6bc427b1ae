// The exports the back-office bench can measure, by name (BENCH_OFFICE_EXPORT). Each is a function
// that streams every order as CSV text: the bench counts its rows, its rows per second and the
// process's peak RSS. `keyset` shows the method (orders read in id order, a batch at a time, with
// their parcels); the shop's own export is added here when it lands.
import { asc, gt, inArray } from "drizzle-orm";
import { run } from "@/lib/db/client";
import { orders, parcels } from "@/lib/db/schema";

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

export const exportsUnderTest: Record<string, ExportUnderTest> = { keyset };
