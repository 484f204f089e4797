CREATE TABLE `forecast_snapshot_intervals` (
	`snapshot_id` integer NOT NULL,
	`interval_start_ms` integer NOT NULL,
	`mean` real NOT NULL,
	`lo80` real NOT NULL,
	`hi80` real NOT NULL,
	`lo95` real NOT NULL,
	`hi95` real NOT NULL,
	`aht_mean_seconds` real NOT NULL,
	`aht_lo80_seconds` real NOT NULL,
	`aht_hi80_seconds` real NOT NULL,
	PRIMARY KEY(`snapshot_id`, `interval_start_ms`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `forecast_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `forecast_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`model` text NOT NULL,
	`aht_model` text,
	`interval_minutes` integer NOT NULL,
	`from_date_key` text NOT NULL,
	`to_date_key` text NOT NULL,
	`first_interval_start_ms` integer NOT NULL,
	`last_interval_start_ms` integer NOT NULL,
	`scores_json` text DEFAULT '[]' NOT NULL,
	`aht_scores_json` text DEFAULT '[]' NOT NULL,
	`horizon_accuracy_json` text,
	`coverage_json` text DEFAULT '[]' NOT NULL,
	`warnings_json` text DEFAULT '[]' NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forecast_snapshots_queue_created` ON `forecast_snapshots` (`queue_id`,`created_at_ms`);