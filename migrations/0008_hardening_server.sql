-- User names are case-insensitive: accounts that differ only in case (made before this rule) keep working under a
-- distinguishable name ("Admin" becomes "Admin-7"), then one unique index on the lower-case name refuses new ones.
UPDATE `users` SET `username` = `username` || '-' || `id` WHERE EXISTS (SELECT 1 FROM `users` u2 WHERE lower(u2.`username`) = lower(`users`.`username`) AND u2.`id` < `users`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_lower` ON `users` (lower(`username`));
