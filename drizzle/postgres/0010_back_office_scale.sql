-- The back office at a million orders (bench/README.md, "The back office at scale").
CREATE INDEX "orders_created_status_total" ON "orders" USING btree ("created_at","status","total");--> statement-breakpoint
CREATE INDEX "orders_paid_total" ON "orders" USING btree ("paid_at","total");--> statement-breakpoint
CREATE INDEX "orders_reference" ON "orders" USING btree (upper(substr("public_token", 1, 8)));--> statement-breakpoint
CREATE INDEX "payment_attempts_invoice_lower" ON "payment_attempts" USING btree (lower("invoice_number"));--> statement-breakpoint
CREATE INDEX "payment_events_attempt" ON "payment_events" USING btree ("attempt_id");--> statement-breakpoint
-- The orders list's flag counts per listed order.
CREATE INDEX "payment_events_order_flagged" ON "payment_events" USING btree ("order_id") WHERE flagged;--> statement-breakpoint
-- The status cards' count and sum by status, from the index alone.
DROP INDEX "orders_status_created";--> statement-breakpoint
CREATE INDEX "orders_status_created" ON "orders" USING btree ("status","created_at","total");--> statement-breakpoint
-- Hand-written, not in lib/db/schema: a trigram index of the customers' emails for the back
-- office's "contains" search (lib/admin/orders.ts), where the server has pg_trgm and lets this
-- user add it (a trusted extension since PostgreSQL 13). Without it the search is the same, only
-- slower: it reads every order's email.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS "orders_email_trigram" ON "orders" USING gin (lower("customer_email") gin_trgm_ops);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm not installed (%): the email search reads every order', SQLERRM;
END $$;
--> statement-breakpoint
-- The planner learns the new expression indexes' values only from ANALYZE, which autovacuum runs
-- only after many rows change: without it, it misjudges the search's lookups (bench/README.md).
ANALYZE "orders";--> statement-breakpoint
ANALYZE "payment_attempts";
