DROP INDEX `payment_events_flagged`;--> statement-breakpoint
CREATE INDEX `payment_events_flagged` ON `payment_events` (`flagged`) WHERE flagged = 1;