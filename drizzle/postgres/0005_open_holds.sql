ALTER TABLE "orders" ADD COLUMN "customer_mailbox" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "client_address" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "max_per_order" integer;--> statement-breakpoint
CREATE INDEX "orders_stock_state" ON "orders" USING btree ("stock_state");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_max_per_order_positive" CHECK ("products"."max_per_order" IS NULL OR "products"."max_per_order" > 0);--> statement-breakpoint
UPDATE "orders" SET "customer_mailbox" = lower("customer_email") WHERE "stock_state" = 'reserved';
