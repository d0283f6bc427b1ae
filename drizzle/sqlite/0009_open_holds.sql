ALTER TABLE `orders` ADD `client_address` text;--> statement-breakpoint
CREATE INDEX `orders_stock_state` ON `orders` (`stock_state`);--> statement-breakpoint
ALTER TABLE `products` ADD `max_per_order` integer CONSTRAINT `products_max_per_order_positive` CHECK (`max_per_order` IS NULL OR `max_per_order` > 0);
