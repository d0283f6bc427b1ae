CREATE TABLE `reconciler_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_started_at` integer NOT NULL,
	`last_finished_at` integer NOT NULL,
	`last_ok_at` integer,
	`last_error` text,
	`checked` integer DEFAULT 0 NOT NULL,
	`changed` integer DEFAULT 0 NOT NULL,
	`doku_errors` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `trace_context` text;