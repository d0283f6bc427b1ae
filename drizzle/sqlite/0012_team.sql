CREATE TABLE `account_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`role` text,
	`user_id` integer,
	`token_hash` text NOT NULL,
	`nonce` text NOT NULL,
	`locale` text NOT NULL,
	`created_by` integer,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_tokens_token_hash` ON `account_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_tokens_email` ON `account_tokens` (`purpose`,`email`);--> statement-breakpoint
CREATE INDEX `account_tokens_user` ON `account_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `activity_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`actor_name` text,
	`actor_role` text,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`before` text,
	`after` text,
	`client_address` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `activity_log_created_at` ON `activity_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `activity_log_actor` ON `activity_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `activity_log_action` ON `activity_log` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `activity_log_subject` ON `activity_log` (`subject_type`,`subject_id`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer,
	`account_token_id` integer,
	`kind` text NOT NULL,
	`cause` text,
	`resend_of` integer,
	`recipient` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`message_id` text,
	`sent_at` integer,
	`trace_context` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_token_id`) REFERENCES `account_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_email_outbox`("id", "order_id", "kind", "cause", "resend_of", "recipient", "status", "tries", "next_attempt_at", "lease_until", "last_error", "message_id", "sent_at", "trace_context", "created_at") SELECT "id", "order_id", "kind", "cause", "resend_of", "recipient", "status", "tries", "next_attempt_at", "lease_until", "last_error", "message_id", "sent_at", "trace_context", "created_at" FROM `email_outbox`;--> statement-breakpoint
DROP TABLE `email_outbox`;--> statement-breakpoint
ALTER TABLE `__new_email_outbox` RENAME TO `email_outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_cause` ON `email_outbox` (`kind`,`cause`);--> statement-breakpoint
CREATE INDEX `email_outbox_due` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_order` ON `email_outbox` (`order_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `role` text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_sign_in_at` integer;--> statement-breakpoint
UPDATE `users` SET `role` = 'owner';--> statement-breakpoint
CREATE TRIGGER `activity_log_no_update` BEFORE UPDATE ON `activity_log`
BEGIN SELECT RAISE(ABORT, 'activity_log is append-only: an entry is never changed'); END;--> statement-breakpoint
CREATE TRIGGER `activity_log_no_early_delete` BEFORE DELETE ON `activity_log`
WHEN OLD.`created_at` > (CAST(strftime('%s', 'now') AS INTEGER) - 730 * 86400) * 1000
BEGIN SELECT RAISE(ABORT, 'activity_log is append-only: an entry is kept for 730 days'); END;
