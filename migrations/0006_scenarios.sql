CREATE TABLE `baseline_intervals` (
	`baseline_id` integer NOT NULL,
	`interval_start_ms` integer NOT NULL,
	`base_volume` real NOT NULL,
	`base_lo80` real NOT NULL,
	`base_hi80` real NOT NULL,
	`base_lo95` real NOT NULL,
	`base_hi95` real NOT NULL,
	`volume` real NOT NULL,
	`volume_lo80` real NOT NULL,
	`volume_hi80` real NOT NULL,
	`volume_lo95` real NOT NULL,
	`volume_hi95` real NOT NULL,
	`forecast_aht_seconds` real NOT NULL,
	`aht_seconds` real NOT NULL,
	`workload_erlangs` real NOT NULL,
	`agents_required` integer NOT NULL,
	`agents_scheduled_exact` real NOT NULL,
	`agents_scheduled` integer NOT NULL,
	`expected_service_level` real NOT NULL,
	`expected_asa_seconds` real,
	`expected_abandon_fraction` real NOT NULL,
	`expected_occupancy` real NOT NULL,
	`sla_miss_probability` real,
	`coverage_agents` real,
	`service_level` real NOT NULL,
	`asa_seconds` real,
	PRIMARY KEY(`baseline_id`, `interval_start_ms`),
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`created_by` text DEFAULT 'manager' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`promoted_from_scenario_id` integer,
	`queue_name` text NOT NULL,
	`time_zone` text NOT NULL,
	`interval_minutes` integer NOT NULL,
	`from_date_key` text NOT NULL,
	`to_date_key` text NOT NULL,
	`forecast_source` text NOT NULL,
	`volume_model` text NOT NULL,
	`aht_json` text NOT NULL,
	`settings_json` text NOT NULL,
	`events_json` text DEFAULT '[]' NOT NULL,
	`opening_hours_json` text NOT NULL,
	`cost_per_hour` real NOT NULL,
	`coverage_source` text,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baselines_queue_name_version` ON `baselines` (`queue_id`,`name`,`version`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`baseline_id` integer NOT NULL,
	`name` text NOT NULL,
	`overrides_json` text DEFAULT '{}' NOT NULL,
	`created_by` text DEFAULT 'manager' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_by` text DEFAULT 'manager' NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenarios_baseline` ON `scenarios` (`baseline_id`);