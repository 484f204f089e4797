CREATE TABLE `capacity_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`name` text NOT NULL,
	`spec_json` text NOT NULL,
	`created_by` text DEFAULT 'manager' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_by` text DEFAULT 'manager' NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `capacity_plans_queue` ON `capacity_plans` (`queue_id`);
