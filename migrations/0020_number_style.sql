ALTER TABLE `team_settings` ADD `number_style` text DEFAULT 'comma-point' NOT NULL;
