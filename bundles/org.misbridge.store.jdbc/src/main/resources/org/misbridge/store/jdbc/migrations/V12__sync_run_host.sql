-- Several hosts on one database (issue 9).
--
-- Which host ran each sync, and for which scheduled firing (null for a typed sync), so operators
-- and the two-host test can see that a firing ran once, on one host. A directory migrated by an
-- earlier version has both columns already (its migration V9 added them, with Quartz's tables,
-- which the scheduler bundle now owns): "IF NOT EXISTS" leaves them as they are.
ALTER TABLE dir_sync_run ADD COLUMN IF NOT EXISTS host VARCHAR(200);
ALTER TABLE dir_sync_run ADD COLUMN IF NOT EXISTS scheduled_for TIMESTAMP WITH TIME ZONE;
