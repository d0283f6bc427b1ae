CREATE TABLE "order_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"author_id" integer,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "order_notes_body_length" CHECK (length("order_notes"."body") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
CREATE TABLE "parcel_trackings" (
	"id" serial PRIMARY KEY NOT NULL,
	"parcel_id" integer NOT NULL,
	"courier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"tracking_url" text,
	"recorded_by_id" integer,
	"recorded_by_name" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"replaced_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"seller_id" text NOT NULL,
	"digital" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'awaiting' NOT NULL,
	"courier" text,
	"tracking_number" text,
	"tracking_url" text,
	"shipped_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "parcels_courier_length" CHECK (length("parcels"."courier") <= 32),
	CONSTRAINT "parcels_tracking_number_length" CHECK (length("parcels"."tracking_number") <= 64),
	CONSTRAINT "parcels_tracking_url_length" CHECK (length("parcels"."tracking_url") <= 2048)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"attempt_id" integer,
	"invoice_number" text NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"amount" integer NOT NULL,
	"full" boolean NOT NULL,
	"lines" json NOT NULL,
	"adjustment" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"restock" boolean NOT NULL,
	"requested_by_id" integer,
	"requested_by_name" text,
	"completed_at" timestamp (3) with time zone,
	"completed_via" text,
	"completed_by_id" integer,
	"completed_by_name" text,
	"provider_reference" text,
	"event_id" integer,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "parcel_id" integer;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "refund_id" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fulfilment" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "completed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancelled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refunded_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_notes" ADD CONSTRAINT "order_notes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_trackings" ADD CONSTRAINT "parcel_trackings_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_event_id_payment_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."payment_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_notes_order" ON "order_notes" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "parcel_trackings_parcel" ON "parcel_trackings" USING btree ("parcel_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_order_seller" ON "parcels" USING btree ("order_id","seller_id");--> statement-breakpoint
CREATE INDEX "parcels_tracking_number" ON "parcels" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "refunds_order" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_state" ON "refunds" USING btree ("state","created_at");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_fulfilment_created" ON "orders" USING btree ("fulfilment","created_at");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_refunded_total_range" CHECK ("orders"."refunded_total" >= 0 AND "orders"."refunded_total" <= "orders"."total");--> statement-breakpoint
-- Orders paid before parcels existed, as the payment would have opened them (lib/fulfilment/parcels.ts):
-- one parcel per seller, a parcel of digital products only delivered when the order was paid (its
-- delivery email went out then), the rest awaiting shipment; a line whose product row is gone counts
-- as physical. Only orders still paid: a refunded one has nothing left to ship (no parcels, no
-- fulfilment), and an order without a seller's product line keeps fulfilment null, as the app derives it.
INSERT INTO "parcels" ("order_id", "seller_id", "digital", "state", "delivered_at", "created_at", "updated_at")
SELECT o."id", i."seller_id", bool_and(COALESCE(p."type", 'physical') = 'digital'),
  CASE WHEN bool_and(COALESCE(p."type", 'physical') = 'digital') THEN 'delivered' ELSE 'awaiting' END,
  CASE WHEN bool_and(COALESCE(p."type", 'physical') = 'digital') THEN o."paid_at" ELSE NULL END,
  o."paid_at", o."paid_at"
FROM "orders" o
JOIN "order_items" i ON i."order_id" = o."id" AND i."kind" = 'product' AND i."seller_id" IS NOT NULL
LEFT JOIN "products" p ON p."id" = i."product_id"
WHERE o."status" = 'paid' AND o."paid_at" IS NOT NULL
GROUP BY o."id", i."seller_id";--> statement-breakpoint
UPDATE "orders" SET
  "fulfilment" = CASE WHEN EXISTS (SELECT 1 FROM "parcels" p WHERE p."order_id" = "orders"."id" AND p."state" = 'awaiting') THEN 'unfulfilled' ELSE 'delivered' END,
  "delivered_at" = CASE WHEN EXISTS (SELECT 1 FROM "parcels" p WHERE p."order_id" = "orders"."id" AND p."state" = 'awaiting') THEN NULL ELSE "paid_at" END
WHERE "status" = 'paid' AND "paid_at" IS NOT NULL AND EXISTS (SELECT 1 FROM "parcels" p WHERE p."order_id" = "orders"."id");