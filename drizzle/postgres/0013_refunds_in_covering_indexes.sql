DROP INDEX "orders_status_created";--> statement-breakpoint
DROP INDEX "orders_created_status_total";--> statement-breakpoint
DROP INDEX "orders_paid_total";--> statement-breakpoint
CREATE INDEX "orders_status_created" ON "orders" USING btree ("status","created_at","total","refunded_total");--> statement-breakpoint
CREATE INDEX "orders_created_status_total" ON "orders" USING btree ("created_at","status","total","refunded_total");--> statement-breakpoint
CREATE INDEX "orders_paid_total" ON "orders" USING btree ("paid_at","total","refunded_total");