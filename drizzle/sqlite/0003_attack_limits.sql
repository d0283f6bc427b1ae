CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_last_at` ON `rate_limits` (`last_at`);--> statement-breakpoint
ALTER TABLE `payment_events` ADD `request_body_bytes` integer;--> statement-breakpoint
ALTER TABLE `payment_events` ADD `request_body_sha256` text;--> statement-breakpoint
CREATE INDEX `payment_events_unverified` ON `payment_events` (`created_at`) WHERE signature_valid = 0 AND inbox_key IS NULL AND flagged = 0;--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` integer DEFAULT 1 NOT NULL;