CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`start_utc_ms` integer NOT NULL,
	`end_utc_ms` integer NOT NULL,
	`time_zone` text NOT NULL,
	`effect_kind` text NOT NULL,
	`effect_value` real,
	`proposed_value` real,
	`shape_json` text DEFAULT '{"rampBeforeDays":0,"decayAfterDays":0,"delayDays":0}' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_queue_start` ON `events` (`queue_id`,`start_utc_ms`);