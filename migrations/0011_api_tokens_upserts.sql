CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_sha256` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`last_used_at_ms` integer,
	`revoked_at_ms` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_name_unique` ON `api_tokens` (`name`);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_sha256_unique` ON `api_tokens` (`token_sha256`);
--> statement-breakpoint
DELETE FROM `contacts` WHERE `external_id` IS NOT NULL AND `id` NOT IN (SELECT MAX(`id`) FROM `contacts` WHERE `external_id` IS NOT NULL GROUP BY `queue_id`, `external_id`, `arrived_at_ms`);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_queue_external` ON `contacts` (`queue_id`, `external_id`, `arrived_at_ms`) WHERE `external_id` IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `import_batches` ADD `status` text DEFAULT 'committed' NOT NULL;
--> statement-breakpoint
ALTER TABLE `import_batches` ADD `merge_owner_pid` integer;
--> statement-breakpoint
CREATE TABLE `import_undo_contacts` (
	`undo_batch_id` integer NOT NULL,
	`id` integer NOT NULL,
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
	`synthetic` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_undo_contacts_batch` ON `import_undo_contacts` (`undo_batch_id`);
--> statement-breakpoint
CREATE TABLE `import_undo_intervals` (
	`undo_batch_id` integer NOT NULL,
	`id` integer NOT NULL,
	`queue_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`interval_start_ms` integer NOT NULL,
	`interval_minutes` integer NOT NULL,
	`offered` real NOT NULL,
	`handled` real,
	`abandoned` real,
	`aht_seconds` real
);
--> statement-breakpoint
CREATE INDEX `import_undo_intervals_batch` ON `import_undo_intervals` (`undo_batch_id`);
