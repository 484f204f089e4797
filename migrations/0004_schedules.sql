CREATE TABLE `agents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contracted_hours_per_week` real NOT NULL,
	`availability_json` text,
	`skills_json` text DEFAULT '[]' NOT NULL,
	`days_off_json` text DEFAULT '{}' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_name_unique` ON `agents` (`name`);--> statement-breakpoint
CREATE TABLE `schedule_shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` integer NOT NULL,
	`template_name` text NOT NULL,
	`start_local` text NOT NULL,
	`start_ms` integer NOT NULL,
	`length_minutes` integer NOT NULL,
	`paid_minutes` integer NOT NULL,
	`count` integer NOT NULL,
	`agent` text,
	`breaks_json` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `schedule_shifts_schedule_start` ON `schedule_shifts` (`schedule_id`,`start_ms`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`from_date_key` text NOT NULL,
	`to_date_key` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`published_at_ms` integer,
	`solver_status` text NOT NULL,
	`solver_status_text` text DEFAULT '' NOT NULL,
	`gap` real NOT NULL,
	`objective` real NOT NULL,
	`solve_ms` integer DEFAULT 0 NOT NULL,
	`paid_agent_hours` real NOT NULL,
	`shift_cost` real DEFAULT 0 NOT NULL,
	`requirement_json` text NOT NULL,
	`templates_json` text DEFAULT '[]' NOT NULL,
	`edit_count` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedules_queue_status` ON `schedules` (`queue_id`,`status`,`published_at_ms`);--> statement-breakpoint
CREATE TABLE `shift_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue_id` integer NOT NULL,
	`name` text NOT NULL,
	`length_minutes` integer NOT NULL,
	`earliest_start` text NOT NULL,
	`latest_start` text NOT NULL,
	`start_step_minutes` integer NOT NULL,
	`days_json` text DEFAULT '["mon","tue","wed","thu","fri","sat","sun"]' NOT NULL,
	`breaks_json` text DEFAULT '[]' NOT NULL,
	`cost_per_hour` real DEFAULT 1 NOT NULL,
	`min_count_per_day` integer DEFAULT 0 NOT NULL,
	`max_count_per_day` integer,
	`created_at_ms` integer NOT NULL,
	`updated_at_ms` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_templates_queue_name` ON `shift_templates` (`queue_id`,`name`);