ALTER TABLE "orders" ADD COLUMN "stock_state" text DEFAULT 'reserved' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "stock" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_stock_nonnegative" CHECK ("products"."stock" >= 0);--> statement-breakpoint
-- Orders placed before stock existed: paid ones have sold their units, failed or expired ones
-- hold none; pending ones count as holding theirs (set stock to on hand minus those units).
UPDATE "orders" SET "stock_state" = CASE
  WHEN "status" IN ('paid', 'refunded') THEN 'sold'
  WHEN "status" IN ('failed', 'expired') THEN 'released'
  ELSE 'reserved'
END;
