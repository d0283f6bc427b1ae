-- The back office at a million orders (bench/README.md, "The back office at scale").
CREATE INDEX `orders_created_status_total` ON `orders` (`created_at`,`status`,`total`);--> statement-breakpoint
CREATE INDEX `orders_paid_total` ON `orders` (`paid_at`,`total`);--> statement-breakpoint
-- Hand-written: drizzle-kit splits an expression index's SQL at its commas.
CREATE INDEX `orders_reference` ON `orders` (upper(substr("public_token", 1, 8)));--> statement-breakpoint
CREATE INDEX `payment_attempts_invoice_lower` ON `payment_attempts` (lower("invoice_number"));--> statement-breakpoint
CREATE INDEX `payment_events_attempt` ON `payment_events` (`attempt_id`);--> statement-breakpoint
-- The orders list's flag counts per listed order.
CREATE INDEX `payment_events_order_flagged` ON `payment_events` (`order_id`) WHERE flagged = 1;--> statement-breakpoint
-- The status cards' count and sum by status, from the index alone.
DROP INDEX `orders_status_created`;--> statement-breakpoint
CREATE INDEX `orders_status_created` ON `orders` (`status`,`created_at`,`total`);--> statement-breakpoint
-- Hand-written, not in lib/db/schema (drizzle has no virtual tables): a trigram index of the
-- customers' emails for the back office's "contains" search (lib/admin/orders.ts), kept by
-- triggers. A migration that rebuilds `orders` drops these triggers: it must create them again
-- (tests/unit/admin-orders.test.ts searches emails of orders inserted after every migration).
CREATE VIRTUAL TABLE `orders_email_search` USING fts5(customer_email, content='orders', content_rowid='id', tokenize='trigram');--> statement-breakpoint
INSERT INTO `orders_email_search` (`orders_email_search`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `orders_email_search_insert` AFTER INSERT ON `orders`
BEGIN
  INSERT INTO `orders_email_search` (rowid, customer_email) VALUES (new.id, new.customer_email);
END;--> statement-breakpoint
CREATE TRIGGER `orders_email_search_delete` AFTER DELETE ON `orders`
BEGIN
  INSERT INTO `orders_email_search` (`orders_email_search`, rowid, customer_email) VALUES ('delete', old.id, old.customer_email);
END;--> statement-breakpoint
CREATE TRIGGER `orders_email_search_update` AFTER UPDATE OF `customer_email` ON `orders`
BEGIN
  INSERT INTO `orders_email_search` (`orders_email_search`, rowid, customer_email) VALUES ('delete', old.id, old.customer_email);
  INSERT INTO `orders_email_search` (rowid, customer_email) VALUES (new.id, new.customer_email);
END;
