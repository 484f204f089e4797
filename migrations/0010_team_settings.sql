CREATE TABLE `team_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`date_style` text DEFAULT 'iso' NOT NULL,
	`updated_at_ms` integer,
	`updated_by` text,
	CONSTRAINT "team_settings_single_row" CHECK("team_settings"."id" = 1)
);
