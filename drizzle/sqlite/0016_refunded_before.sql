-- Hand-written, data only: orders refunded before refunds were recorded (DOKU's REFUNDED moved them
-- to `refunded` and nothing more) kept refunded_total = 0, so their net showed the whole total.
-- Each gets what DOKU's REFUNDED records today (lib/refunds/reported.ts): one completed full refund,
-- reason REPORTED_BY_DOKU (lib/refunds/reported-reason.ts), quoting the invoice of its paid attempt.
UPDATE `orders` SET `refunded_total` = `total`
WHERE `status` = 'refunded' AND NOT EXISTS (SELECT 1 FROM `refunds` WHERE `refunds`.`order_id` = `orders`.`id`);--> statement-breakpoint
INSERT INTO `refunds` (`order_id`, `attempt_id`, `invoice_number`, `state`, `amount`, `full`, `lines`, `adjustment`, `reason`, `restock`, `completed_at`, `completed_via`, `created_at`)
SELECT o.`id`, a.`id`, coalesce(a.`invoice_number`, ''), 'completed', o.`total`, 1, '[]', 0, 'reported by DOKU', 0,
  coalesce(a.`updated_at`, o.`updated_at`), 'notification', coalesce(a.`updated_at`, o.`updated_at`)
FROM `orders` o
LEFT JOIN `payment_attempts` a ON a.`id` = (
  SELECT max(p.`id`) FROM `payment_attempts` p WHERE p.`order_id` = o.`id` AND p.`status` IN ('paid', 'refunded')
)
WHERE o.`status` = 'refunded' AND o.`total` > 0
  AND NOT EXISTS (SELECT 1 FROM `refunds` r WHERE r.`order_id` = o.`id`);
