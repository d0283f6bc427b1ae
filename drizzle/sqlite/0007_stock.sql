-- Hand-edited: drizzle-kit rebuilds `products` to add a CHECK, which would drop a table that
-- cart_items and order_items reference; SQLite can add the column with its CHECK in place.
ALTER TABLE `products` ADD `stock` integer DEFAULT 0 NOT NULL CONSTRAINT "products_stock_nonnegative" CHECK (`stock` >= 0);--> statement-breakpoint
ALTER TABLE `orders` ADD `stock_state` text DEFAULT 'reserved' NOT NULL;--> statement-breakpoint
-- Orders placed before stock existed: paid ones have sold their units, failed or expired ones
-- hold none; pending ones count as holding theirs (set stock to on hand minus those units).
UPDATE `orders` SET `stock_state` = CASE
  WHEN `status` IN ('paid', 'refunded') THEN 'sold'
  WHEN `status` IN ('failed', 'expired') THEN 'released'
  ELSE 'reserved'
END;
