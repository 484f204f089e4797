ALTER TABLE `queues` ADD `is_default` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `schedule_shifts` ADD `unassigned_reason` text;--> statement-breakpoint
ALTER TABLE `baseline_intervals` ADD `abandon_fraction` real;
