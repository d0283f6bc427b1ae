CREATE TABLE `order_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`author_id` integer,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_notes_body_length" CHECK(length("order_notes"."body") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE INDEX `order_notes_order` ON `order_notes` (`order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `parcel_trackings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parcel_id` integer NOT NULL,
	`courier` text NOT NULL,
	`tracking_number` text NOT NULL,
	`tracking_url` text,
	`recorded_by_id` integer,
	`recorded_by_name` text,
	`created_at` integer NOT NULL,
	`replaced_at` integer,
	FOREIGN KEY (`parcel_id`) REFERENCES `parcels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `parcel_trackings_parcel` ON `parcel_trackings` (`parcel_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `parcels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`seller_id` text NOT NULL,
	`digital` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'awaiting' NOT NULL,
	`courier` text,
	`tracking_number` text,
	`tracking_url` text,
	`shipped_at` integer,
	`delivered_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "parcels_courier_length" CHECK(length("parcels"."courier") <= 32),
	CONSTRAINT "parcels_tracking_number_length" CHECK(length("parcels"."tracking_number") <= 64),
	CONSTRAINT "parcels_tracking_url_length" CHECK(length("parcels"."tracking_url") <= 2048)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parcels_order_seller` ON `parcels` (`order_id`,`seller_id`);--> statement-breakpoint
CREATE INDEX `parcels_tracking_number` ON `parcels` (`tracking_number`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`attempt_id` integer,
	`invoice_number` text NOT NULL,
	`state` text DEFAULT 'requested' NOT NULL,
	`amount` integer NOT NULL,
	`full` integer NOT NULL,
	`lines` text NOT NULL,
	`adjustment` integer DEFAULT 0 NOT NULL,
	`reason` text NOT NULL,
	`restock` integer NOT NULL,
	`requested_by_id` integer,
	`requested_by_name` text,
	`completed_at` integer,
	`completed_via` text,
	`completed_by_id` integer,
	`completed_by_name` text,
	`provider_reference` text,
	`event_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `payment_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `payment_events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_amount_positive" CHECK("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `refunds_order` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `refunds_state` ON `refunds` (`state`,`created_at`);--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `parcel_id` integer REFERENCES parcels(id);--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `refund_id` integer REFERENCES refunds(id);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_token` text NOT NULL,
	`checkout_key` text NOT NULL,
	`cart_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`customer_first_name` text NOT NULL,
	`customer_last_name` text,
	`customer_email` text NOT NULL,
	`customer_mailbox` text,
	`customer_phone` text NOT NULL,
	`client_address` text,
	`locale` text DEFAULT 'id' NOT NULL,
	`shipping_address` text NOT NULL,
	`billing_address` text NOT NULL,
	`subtotal` integer NOT NULL,
	`shipping_total` integer NOT NULL,
	`total` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`paid_at` integer,
	`stock_state` text DEFAULT 'reserved' NOT NULL,
	`fulfilment` text,
	`delivered_at` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`refunded_total` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "orders_total_sum" CHECK("__new_orders"."total" = "__new_orders"."subtotal" + "__new_orders"."shipping_total" AND "__new_orders"."total" > 0),
	CONSTRAINT "orders_refunded_total_range" CHECK("__new_orders"."refunded_total" >= 0 AND "__new_orders"."refunded_total" <= "__new_orders"."total")
);
--> statement-breakpoint
INSERT INTO `__new_orders`("id", "public_token", "checkout_key", "cart_id", "status", "customer_first_name", "customer_last_name", "customer_email", "customer_mailbox", "customer_phone", "client_address", "locale", "shipping_address", "billing_address", "subtotal", "shipping_total", "total", "created_at", "updated_at", "paid_at", "stock_state") SELECT "id", "public_token", "checkout_key", "cart_id", "status", "customer_first_name", "customer_last_name", "customer_email", "customer_mailbox", "customer_phone", "client_address", "locale", "shipping_address", "billing_address", "subtotal", "shipping_total", "total", "created_at", "updated_at", "paid_at", "stock_state" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_public_token_unique` ON `orders` (`public_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_checkout_key_unique` ON `orders` (`checkout_key`);--> statement-breakpoint
CREATE INDEX `orders_status_created` ON `orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_email` ON `orders` (`customer_email`);--> statement-breakpoint
CREATE INDEX `orders_stock_state` ON `orders` (`stock_state`);--> statement-breakpoint
CREATE INDEX `orders_fulfilment_created` ON `orders` (`fulfilment`,`created_at`);--> statement-breakpoint
-- Orders paid before parcels existed, as the payment would have opened them (lib/fulfilment/parcels.ts):
-- one parcel per seller, a parcel of digital products only delivered when the order was paid (its
-- delivery email went out then), the rest awaiting shipment; a line whose product row is gone counts
-- as physical. Only orders still paid: a refunded one has nothing left to ship (no parcels, no
-- fulfilment), and an order without a seller's product line keeps fulfilment null, as the app derives it.
INSERT INTO `parcels` (`order_id`, `seller_id`, `digital`, `state`, `delivered_at`, `created_at`, `updated_at`)
SELECT o.`id`, i.`seller_id`,
  MIN(COALESCE(p.`type`, 'physical') = 'digital'),
  CASE WHEN MIN(COALESCE(p.`type`, 'physical') = 'digital') THEN 'delivered' ELSE 'awaiting' END,
  CASE WHEN MIN(COALESCE(p.`type`, 'physical') = 'digital') THEN o.`paid_at` ELSE NULL END,
  o.`paid_at`, o.`paid_at`
FROM `orders` o
JOIN `order_items` i ON i.`order_id` = o.`id` AND i.`kind` = 'product' AND i.`seller_id` IS NOT NULL
LEFT JOIN `products` p ON p.`id` = i.`product_id`
WHERE o.`status` = 'paid' AND o.`paid_at` IS NOT NULL
GROUP BY o.`id`, i.`seller_id`;--> statement-breakpoint
UPDATE `orders` SET
  `fulfilment` = CASE WHEN EXISTS (SELECT 1 FROM `parcels` p WHERE p.`order_id` = `orders`.`id` AND p.`state` = 'awaiting') THEN 'unfulfilled' ELSE 'delivered' END,
  `delivered_at` = CASE WHEN EXISTS (SELECT 1 FROM `parcels` p WHERE p.`order_id` = `orders`.`id` AND p.`state` = 'awaiting') THEN NULL ELSE `paid_at` END
WHERE `status` = 'paid' AND `paid_at` IS NOT NULL AND EXISTS (SELECT 1 FROM `parcels` p WHERE p.`order_id` = `orders`.`id`);