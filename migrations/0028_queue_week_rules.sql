ALTER TABLE `queues` ADD `week_starts_on` text;--> statement-breakpoint
ALTER TABLE `queues` ADD `weekend_days_json` text;
