CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"summary" text NOT NULL,
	"details" json NOT NULL,
	"state" text NOT NULL,
	"coalesced" integer DEFAULT 0 NOT NULL,
	"tries" integer DEFAULT 0 NOT NULL,
	"next_try_at" timestamp (3) with time zone NOT NULL,
	"lease_until" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reconciler_runs" ADD COLUMN "next_run_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_dedupe_key" ON "alerts" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "alerts_due" ON "alerts" USING btree ("state","next_try_at");--> statement-breakpoint
CREATE INDEX "alerts_created_at" ON "alerts" USING btree ("created_at");