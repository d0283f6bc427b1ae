ALTER TABLE `orders` ADD `customer_mailbox` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `client_address` text;--> statement-breakpoint
CREATE INDEX `orders_stock_state` ON `orders` (`stock_state`);--> statement-breakpoint
-- Hand-written: SQLite adds a CHECK with the column, no table rebuild (drizzle-kit would copy a column that does not exist yet).
ALTER TABLE `products` ADD `max_per_order` integer CONSTRAINT `products_max_per_order_positive` CHECK (`max_per_order` IS NULL OR `max_per_order` > 0);--> statement-breakpoint
-- Unpaid orders already holding units count toward their shopper's limit (lower case is the mailbox, near enough).
UPDATE `orders` SET `customer_mailbox` = lower(`customer_email`) WHERE `stock_state` = 'reserved';
