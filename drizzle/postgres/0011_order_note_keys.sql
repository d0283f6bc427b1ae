ALTER TABLE "order_notes" ADD COLUMN "submit_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "order_notes_submit_key" ON "order_notes" USING btree ("submit_key");