CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY NOT NULL,
	`queue_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`external_id` text,
	`arrived_at_ms` integer NOT NULL,
	`first_response_at_ms` integer,
	`ended_at_ms` integer,
	`wait_seconds` real,
	`handle_seconds` real,
	`outcome` text NOT NULL,
	`agent` text,
	`issue_type` text,
	`customer_segment` text,
	`resolved_first_contact` integer,
	`csat_score` integer,
	`nps_score` integer,
	`synthetic` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_queue_arrived` ON `contacts` (`queue_id`,`arrived_at_ms`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`checksum_sha256` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`queue_id` integer,
	`rows_in_file` integer NOT NULL,
	`rows_imported` integer NOT NULL,
	`rows_rejected` integer NOT NULL,
	`rejected_json` text DEFAULT '[]' NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`imported_at_ms` integer NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_dedupe_key_unique` ON `import_batches` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `interval_aggregates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`interval_start_ms` integer NOT NULL,
	`interval_minutes` integer NOT NULL,
	`offered` real NOT NULL,
	`handled` real,
	`abandoned` real,
	`aht_seconds` real,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interval_aggregates_queue_start` ON `interval_aggregates` (`queue_id`,`interval_minutes`,`interval_start_ms`);--> statement-breakpoint
CREATE TABLE `queues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`opening_hours_json` text DEFAULT '[]' NOT NULL,
	`interval_minutes` integer DEFAULT 30 NOT NULL,
	`holiday_country` text,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queues_name_unique` ON `queues` (`name`);