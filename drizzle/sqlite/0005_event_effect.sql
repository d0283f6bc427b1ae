ALTER TABLE `payment_events` ADD `effect` text;
--> statement-breakpoint
-- Events recorded before the column existed: what their outcome meant for the order timeline.
UPDATE `payment_events` SET `effect` = CASE
  WHEN `kind` = 'generate_order' AND `outcome` = 'pending' THEN 'payment_started'
  WHEN `kind` = 'generate_order' AND `outcome` LIKE 'rejected%' THEN 'payment_not_started'
  WHEN `kind` <> 'generate_order' AND (`outcome` = 'paid' OR `outcome` LIKE 'paid:%') THEN 'paid'
  WHEN `kind` <> 'generate_order' AND `outcome` IN ('failed', 'expired', 'refunded') THEN `outcome`
END;
