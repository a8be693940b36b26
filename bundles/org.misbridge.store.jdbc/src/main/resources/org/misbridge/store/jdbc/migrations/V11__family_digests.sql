-- Incremental sync (issue 21): the digest of each member's family (its imported links, the linked
-- people they name with those people's details, its own details and its group memberships), so a
-- re-sync loads and diffs only the members whose family changed.
CREATE TABLE dir_member_digest (
    school_id VARCHAR(64)  NOT NULL,
    member_id VARCHAR(255) NOT NULL,
    digest    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (school_id, member_id)
);

-- A school's digests count only while this row exists: the sync writes it with them, in the same
-- transaction; every other write to the school's rows deletes it.
CREATE TABLE dir_digest_state (
    school_id  VARCHAR(64) NOT NULL,
    written_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id)
);

-- a scoped load finds a member's memberships by member
CREATE INDEX dir_group_member_member ON dir_group_member (school_id, member_id);

-- what each sync read, compared, loaded and wrote, in rows (null for runs recorded before)
ALTER TABLE dir_sync_run ADD COLUMN rows_read BIGINT;
ALTER TABLE dir_sync_run ADD COLUMN rows_compared BIGINT;
ALTER TABLE dir_sync_run ADD COLUMN rows_loaded BIGINT;
ALTER TABLE dir_sync_run ADD COLUMN rows_written BIGINT;
