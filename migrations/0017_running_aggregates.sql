-- Running aggregates of the contacts (issue 12): per queue and UTC quarter-hour, the counts and sums the dashboard
-- and the history reads need, a data version per queue that moves with every change of that queue's contacts, and
-- a log of the contacts changed (so the KPI worker patches its columns instead of reloading a million contacts).
-- Triggers keep both inside the same transaction as every write (API upserts, imports, merges and their undo,
-- deletes, in-place updates), subtracting the old row's contribution and adding the new one.
CREATE TABLE `contact_quarter_hours` (
	`queue_id` integer NOT NULL,
	`quarter_start_ms` integer NOT NULL,
	`contacts` integer NOT NULL,
	`answered` integer NOT NULL,
	`abandoned` integer NOT NULL,
	`handled` integer NOT NULL,
	`handle_sum_seconds` real NOT NULL,
	`waited` integer NOT NULL,
	`wait_sum_seconds` real NOT NULL,
	`csat_responses` integer NOT NULL,
	`csat_sum` integer NOT NULL,
	`synthetic` integer NOT NULL,
	PRIMARY KEY(`queue_id`, `quarter_start_ms`)
);
--> statement-breakpoint
CREATE TABLE `contact_versions` (
	`queue_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contact_changes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`queue_id` integer NOT NULL,
	`contact_id` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `contact_quarter_hours` SELECT `queue_id`, (`arrived_at_ms` / 900000) * 900000, COUNT(*), COUNT(CASE WHEN `outcome` = 'answered' THEN 1 END),
	COUNT(CASE WHEN `outcome` = 'abandoned' THEN 1 END), COUNT(CASE WHEN `outcome` = 'answered' THEN `handle_seconds` END), TOTAL(CASE WHEN `outcome` = 'answered' THEN `handle_seconds` END),
	COUNT(CASE WHEN `outcome` = 'answered' THEN `wait_seconds` END), TOTAL(CASE WHEN `outcome` = 'answered' THEN `wait_seconds` END),
	COUNT(CASE WHEN `csat_score` BETWEEN 1 AND 5 THEN 1 END), TOTAL(CASE WHEN `csat_score` BETWEEN 1 AND 5 THEN `csat_score` END), COUNT(CASE WHEN `synthetic` <> 0 THEN 1 END)
	FROM `contacts` GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `contact_versions` SELECT DISTINCT `queue_id`, 1 FROM `contact_quarter_hours`;
--> statement-breakpoint
CREATE TRIGGER `contacts_aggregate_insert` AFTER INSERT ON `contacts` BEGIN
	INSERT INTO `contact_quarter_hours` VALUES (NEW.`queue_id`, (NEW.`arrived_at_ms` / 900000) * 900000, 1, NEW.`outcome` = 'answered', NEW.`outcome` = 'abandoned',
		NEW.`outcome` = 'answered' AND NEW.`handle_seconds` IS NOT NULL, CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`handle_seconds`, 0) ELSE 0 END,
		NEW.`outcome` = 'answered' AND NEW.`wait_seconds` IS NOT NULL, CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`wait_seconds`, 0) ELSE 0 END,
		coalesce(NEW.`csat_score` BETWEEN 1 AND 5, 0), CASE WHEN NEW.`csat_score` BETWEEN 1 AND 5 THEN NEW.`csat_score` ELSE 0 END, NEW.`synthetic` <> 0)
	ON CONFLICT (`queue_id`, `quarter_start_ms`) DO UPDATE SET `contacts` = `contacts` + 1, `answered` = `answered` + excluded.`answered`, `abandoned` = `abandoned` + excluded.`abandoned`,
		`handled` = `handled` + excluded.`handled`, `handle_sum_seconds` = `handle_sum_seconds` + excluded.`handle_sum_seconds`, `waited` = `waited` + excluded.`waited`,
		`wait_sum_seconds` = `wait_sum_seconds` + excluded.`wait_sum_seconds`, `csat_responses` = `csat_responses` + excluded.`csat_responses`,
		`csat_sum` = `csat_sum` + excluded.`csat_sum`, `synthetic` = `synthetic` + excluded.`synthetic`;
	INSERT INTO `contact_versions` VALUES (NEW.`queue_id`, 1) ON CONFLICT (`queue_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) VALUES (NEW.`queue_id`, NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_aggregate_delete` AFTER DELETE ON `contacts` BEGIN
	UPDATE `contact_quarter_hours` SET `contacts` = `contacts` - 1, `answered` = `answered` - (OLD.`outcome` = 'answered'), `abandoned` = `abandoned` - (OLD.`outcome` = 'abandoned'),
		`handled` = `handled` - (OLD.`outcome` = 'answered' AND OLD.`handle_seconds` IS NOT NULL),
		`handle_sum_seconds` = `handle_sum_seconds` - CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`handle_seconds`, 0) ELSE 0 END,
		`waited` = `waited` - (OLD.`outcome` = 'answered' AND OLD.`wait_seconds` IS NOT NULL),
		`wait_sum_seconds` = `wait_sum_seconds` - CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`wait_seconds`, 0) ELSE 0 END,
		`csat_responses` = `csat_responses` - coalesce(OLD.`csat_score` BETWEEN 1 AND 5, 0), `csat_sum` = `csat_sum` - CASE WHEN OLD.`csat_score` BETWEEN 1 AND 5 THEN OLD.`csat_score` ELSE 0 END,
		`synthetic` = `synthetic` - (OLD.`synthetic` <> 0)
		WHERE `queue_id` = OLD.`queue_id` AND `quarter_start_ms` = (OLD.`arrived_at_ms` / 900000) * 900000;
	DELETE FROM `contact_quarter_hours` WHERE `queue_id` = OLD.`queue_id` AND `quarter_start_ms` = (OLD.`arrived_at_ms` / 900000) * 900000 AND `contacts` <= 0;
	INSERT INTO `contact_versions` VALUES (OLD.`queue_id`, 1) ON CONFLICT (`queue_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) VALUES (OLD.`queue_id`, OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_aggregate_update_in_place` AFTER UPDATE ON `contacts`
	WHEN NEW.`queue_id` = OLD.`queue_id` AND NEW.`arrived_at_ms` / 900000 = OLD.`arrived_at_ms` / 900000 BEGIN
	UPDATE `contact_quarter_hours` SET `answered` = `answered` + ((NEW.`outcome` = 'answered')) - ((OLD.`outcome` = 'answered')),
		`abandoned` = `abandoned` + ((NEW.`outcome` = 'abandoned')) - ((OLD.`outcome` = 'abandoned')),
		`handled` = `handled` + ((NEW.`outcome` = 'answered' AND NEW.`handle_seconds` IS NOT NULL)) - ((OLD.`outcome` = 'answered' AND OLD.`handle_seconds` IS NOT NULL)),
		`handle_sum_seconds` = `handle_sum_seconds` + (CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`handle_seconds`, 0) ELSE 0 END) - (CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`handle_seconds`, 0) ELSE 0 END),
		`waited` = `waited` + ((NEW.`outcome` = 'answered' AND NEW.`wait_seconds` IS NOT NULL)) - ((OLD.`outcome` = 'answered' AND OLD.`wait_seconds` IS NOT NULL)),
		`wait_sum_seconds` = `wait_sum_seconds` + (CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`wait_seconds`, 0) ELSE 0 END) - (CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`wait_seconds`, 0) ELSE 0 END),
		`csat_responses` = `csat_responses` + (coalesce(NEW.`csat_score` BETWEEN 1 AND 5, 0)) - (coalesce(OLD.`csat_score` BETWEEN 1 AND 5, 0)),
		`csat_sum` = `csat_sum` + (CASE WHEN NEW.`csat_score` BETWEEN 1 AND 5 THEN NEW.`csat_score` ELSE 0 END) - (CASE WHEN OLD.`csat_score` BETWEEN 1 AND 5 THEN OLD.`csat_score` ELSE 0 END),
		`synthetic` = `synthetic` + ((NEW.`synthetic` <> 0)) - ((OLD.`synthetic` <> 0))
		WHERE `queue_id` = NEW.`queue_id` AND `quarter_start_ms` = (NEW.`arrived_at_ms` / 900000) * 900000;
	UPDATE `contact_versions` SET `version` = `version` + 1 WHERE `queue_id` = NEW.`queue_id`;
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) VALUES (OLD.`queue_id`, OLD.`id`);
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) SELECT NEW.`queue_id`, NEW.`id` WHERE NEW.`id` <> OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_aggregate_update_moved` AFTER UPDATE ON `contacts`
	WHEN NEW.`queue_id` <> OLD.`queue_id` OR NEW.`arrived_at_ms` / 900000 <> OLD.`arrived_at_ms` / 900000 BEGIN
	UPDATE `contact_quarter_hours` SET `contacts` = `contacts` - 1, `answered` = `answered` - (OLD.`outcome` = 'answered'), `abandoned` = `abandoned` - (OLD.`outcome` = 'abandoned'),
		`handled` = `handled` - (OLD.`outcome` = 'answered' AND OLD.`handle_seconds` IS NOT NULL),
		`handle_sum_seconds` = `handle_sum_seconds` - CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`handle_seconds`, 0) ELSE 0 END,
		`waited` = `waited` - (OLD.`outcome` = 'answered' AND OLD.`wait_seconds` IS NOT NULL),
		`wait_sum_seconds` = `wait_sum_seconds` - CASE WHEN OLD.`outcome` = 'answered' THEN coalesce(OLD.`wait_seconds`, 0) ELSE 0 END,
		`csat_responses` = `csat_responses` - coalesce(OLD.`csat_score` BETWEEN 1 AND 5, 0), `csat_sum` = `csat_sum` - CASE WHEN OLD.`csat_score` BETWEEN 1 AND 5 THEN OLD.`csat_score` ELSE 0 END,
		`synthetic` = `synthetic` - (OLD.`synthetic` <> 0)
		WHERE `queue_id` = OLD.`queue_id` AND `quarter_start_ms` = (OLD.`arrived_at_ms` / 900000) * 900000;
	DELETE FROM `contact_quarter_hours` WHERE `queue_id` = OLD.`queue_id` AND `quarter_start_ms` = (OLD.`arrived_at_ms` / 900000) * 900000 AND `contacts` <= 0;
	INSERT INTO `contact_quarter_hours` VALUES (NEW.`queue_id`, (NEW.`arrived_at_ms` / 900000) * 900000, 1, NEW.`outcome` = 'answered', NEW.`outcome` = 'abandoned',
		NEW.`outcome` = 'answered' AND NEW.`handle_seconds` IS NOT NULL, CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`handle_seconds`, 0) ELSE 0 END,
		NEW.`outcome` = 'answered' AND NEW.`wait_seconds` IS NOT NULL, CASE WHEN NEW.`outcome` = 'answered' THEN coalesce(NEW.`wait_seconds`, 0) ELSE 0 END,
		coalesce(NEW.`csat_score` BETWEEN 1 AND 5, 0), CASE WHEN NEW.`csat_score` BETWEEN 1 AND 5 THEN NEW.`csat_score` ELSE 0 END, NEW.`synthetic` <> 0)
	ON CONFLICT (`queue_id`, `quarter_start_ms`) DO UPDATE SET `contacts` = `contacts` + 1, `answered` = `answered` + excluded.`answered`, `abandoned` = `abandoned` + excluded.`abandoned`,
		`handled` = `handled` + excluded.`handled`, `handle_sum_seconds` = `handle_sum_seconds` + excluded.`handle_sum_seconds`, `waited` = `waited` + excluded.`waited`,
		`wait_sum_seconds` = `wait_sum_seconds` + excluded.`wait_sum_seconds`, `csat_responses` = `csat_responses` + excluded.`csat_responses`,
		`csat_sum` = `csat_sum` + excluded.`csat_sum`, `synthetic` = `synthetic` + excluded.`synthetic`;
	INSERT INTO `contact_versions` VALUES (OLD.`queue_id`, 1) ON CONFLICT (`queue_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `contact_versions` SELECT NEW.`queue_id`, 1 WHERE NEW.`queue_id` <> OLD.`queue_id` ON CONFLICT (`queue_id`) DO UPDATE SET `version` = `version` + 1;
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) VALUES (OLD.`queue_id`, OLD.`id`);
	INSERT INTO `contact_changes` (`queue_id`, `contact_id`) SELECT NEW.`queue_id`, NEW.`id` WHERE NEW.`queue_id` <> OLD.`queue_id` OR NEW.`id` <> OLD.`id`;
END;
