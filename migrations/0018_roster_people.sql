CREATE TABLE `queue_date_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`date_key` text NOT NULL,
	`closed` integer DEFAULT 0 NOT NULL,
	`open_minute` integer,
	`close_minute` integer,
	`reason` text DEFAULT '' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`updated_by` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_date_hours_queue_date` ON `queue_date_hours` (`queue_id`,`date_key`);
--> statement-breakpoint
ALTER TABLE `users` ADD `agent_id` integer REFERENCES agents(id);
--> statement-breakpoint
CREATE TABLE `roster_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`agent_id` integer NOT NULL,
	`requested_by` text NOT NULL,
	`from_date_key` text,
	`to_date_key` text,
	`shift_id` integer,
	`colleague_agent_id` integer,
	`reason` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decision_note` text DEFAULT '' NOT NULL,
	`decided_by` text,
	`decided_at_ms` integer,
	`outcome` text DEFAULT '' NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `roster_requests_status` ON `roster_requests` (`status`,`created_at_ms`);
--> statement-breakpoint
CREATE TABLE `agent_calendar_feeds` (
	`agent_id` integer PRIMARY KEY NOT NULL,
	`token_sha256` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_calendar_feeds_token` ON `agent_calendar_feeds` (`token_sha256`);
