CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`state` text NOT NULL,
	`coalesced` integer DEFAULT 0 NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_try_at` integer NOT NULL,
	`lease_until` integer,
	`sent_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe_key` ON `alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_due` ON `alerts` (`state`,`next_try_at`);--> statement-breakpoint
CREATE INDEX `alerts_created_at` ON `alerts` (`created_at`);--> statement-breakpoint
ALTER TABLE `reconciler_runs` ADD `next_run_at` integer;