// The accountant's export as rows: which columns, in which order, and how one order (or each of its
// lines) becomes a row. Pure (no database, no server-only): lib/admin/export.ts feeds it batches of
// orders read from the database, tests feed it plain objects.
import type { FulfilmentState, OrderStatus } from "@/lib/db/schema/values";
import { orderReference } from "@/lib/format";
import { orderNet } from "@/lib/refunds/refundable";
import { zoneOffsetMs, type ShopTimeZone } from "@/lib/time-zone";
import type { CsvCell } from "./csv";

/** One row per order, or one per order line (products and each seller's shipping fee). */
export const exportShapes = ["order", "line"] as const;
export type ExportShape = (typeof exportShapes)[number];

export const orderColumns = [
  "invoices",
  "reference",
  "placedAt",
  "paidAt",
  "customerName",
  "customerEmail",
  "customerPhone",
  "status",
  "fulfilment",
  "couriers",
  "trackingNumbers",
  "subtotal",
  "shipping",
  "paid",
  "refunded",
  "net",
] as const;
export const lineColumns = [
  "lineKind",
  "lineName",
  "lineSku",
  "lineSeller",
  "lineQuantity",
  "lineUnitPrice",
  "lineTotal",
] as const;
export type ExportColumn = (typeof orderColumns)[number] | (typeof lineColumns)[number];

export const columnsOf = (shape: ExportShape): readonly ExportColumn[] =>
  shape === "order" ? orderColumns : [...orderColumns, ...lineColumns];

export interface ExportOrder {
  id: number;
  publicToken: string;
  createdAt: Date;
  paidAt: Date | null;
  customerFirstName: string;
  customerLastName: string | null;
  customerEmail: string;
  customerPhone: string;
  status: OrderStatus;
  fulfilment: FulfilmentState | null;
  subtotal: number;
  shippingTotal: number;
  total: number;
  refundedTotal: number;
  /** Every attempt's invoice number, oldest first. */
  invoices: string[];
  /** Each seller's parcel that has a courier, in parcel order. */
  parcels: { courier: string | null; trackingNumber: string | null }[];
  lines: {
    kind: string;
    name: string;
    sku: string;
    seller: string | null;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }[];
}

/** `2026-03-10 08:05:09` in the shop's zone (the header names the zone): spreadsheets read it as a date. */
export function exportTime(at: Date | null, zone: ShopTimeZone): string | null {
  if (!at) return null;
  return new Date(at.getTime() + zoneOffsetMs(zone)).toISOString().slice(0, 19).replace("T", " ");
}

/** The money an order brought in: its total once paid, nothing before; net is what is kept. */
export function orderMoney(order: Pick<ExportOrder, "paidAt" | "total" | "refundedTotal">) {
  if (!order.paidAt) return { paid: 0, refunded: 0, net: 0 };
  return { paid: order.total, refunded: order.refundedTotal, net: orderNet(order) };
}

function orderCells(order: ExportOrder, zone: ShopTimeZone, withMoney: boolean): CsvCell[] {
  const money = orderMoney(order);
  const shipped = order.parcels.filter((p) => p.courier || p.trackingNumber);
  return [
    order.invoices.join(" "),
    orderReference(order.publicToken),
    exportTime(order.createdAt, zone),
    exportTime(order.paidAt, zone),
    [order.customerFirstName, order.customerLastName].filter(Boolean).join(" "),
    order.customerEmail,
    order.customerPhone,
    order.status,
    order.fulfilment,
    shipped.map((p) => p.courier ?? "").join(" "),
    shipped.map((p) => p.trackingNumber ?? "").join(" "),
    ...(withMoney
      ? [order.subtotal, order.shippingTotal, money.paid, money.refunded, money.net]
      : [null, null, null, null, null]),
  ];
}

/**
 * The rows one order makes. Per line, the order's money columns are on its first line only, so
 * that a column's sum is still the orders' sum; an order without lines still has its row.
 */
export function orderRows(order: ExportOrder, shape: ExportShape, zone: ShopTimeZone): CsvCell[][] {
  if (shape === "order") return [orderCells(order, zone, true)];
  if (order.lines.length === 0)
    return [[...orderCells(order, zone, true), ...lineColumns.map(() => null)]];
  return order.lines.map((line, i) => [
    ...orderCells(order, zone, i === 0),
    line.kind,
    line.name,
    line.sku,
    line.seller,
    line.quantity,
    line.unitPrice,
    line.lineTotal,
  ]);
}
