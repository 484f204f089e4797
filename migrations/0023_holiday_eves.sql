ALTER TABLE `queues` ADD `holiday_eves` integer DEFAULT false NOT NULL;
