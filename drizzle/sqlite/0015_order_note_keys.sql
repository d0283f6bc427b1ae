ALTER TABLE `order_notes` ADD `submit_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `order_notes_submit_key` ON `order_notes` (`submit_key`);