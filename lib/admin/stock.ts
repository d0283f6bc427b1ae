// The back office's stock list: each product's units on sale now and the units unpaid orders
// hold. Counts are changed with `npm run stock` until the back office manages products.
import "server-only";
import { database } from "@/lib/db/client";
import { listStock, type StockRow } from "@/lib/stock/set-stock";

export function stockList(): Promise<StockRow[]> {
  return listStock(database());
}
