CREATE TABLE `staffing_settings` (
	`queue_id` integer PRIMARY KEY NOT NULL,
	`service_level_target` real,
	`answer_within_seconds` real,
	`asa_target_seconds` real,
	`max_abandon_fraction` real,
	`max_occupancy` real,
	`model_kind` text DEFAULT 'erlang_c' NOT NULL,
	`mean_patience_seconds` real,
	`max_concurrency` integer,
	`slowdown_alpha` real,
	`shrinkage_fraction` real DEFAULT 0.3 NOT NULL,
	`hours_per_fte` real DEFAULT 8 NOT NULL,
	`staff_at_quantile` real,
	`aht_override_seconds` real,
	`updated_at_ms` integer NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
