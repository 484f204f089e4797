ALTER TABLE `baselines` ADD `date_hours_json` text;
