-- Deltas (issue 22): which rows of each school's directory changed and when, written in the same
-- transaction as the change, so the OneRoster provider can serve what changed since a time and what
-- was deleted since (as tobedeleted). One row per directory row (its latest change); a removed row
-- stays as a tombstone (deleted = TRUE) for the retention, then a sync purges it.
--   row_kind: MEMBER, PERSON, GROUP (row_id is the id), MEMBERSHIP (group, member), LINK (member,
--   person), DETAILS (the owner's id: some detail of theirs changed)
--   member_kind: a MEMBER's kind, so a tombstone says whether a student or staff member went
CREATE TABLE dir_change (
    school_id   VARCHAR(64)              NOT NULL,
    row_kind    VARCHAR(16)              NOT NULL,
    row_id      VARCHAR(255)             NOT NULL,
    other_id    VARCHAR(255)             NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted     BOOLEAN                  NOT NULL,
    member_kind VARCHAR(16),
    PRIMARY KEY (school_id, row_kind, row_id, other_id)
);

-- what changed since a time: the cost of a delta grows with the changes, not with the school
CREATE INDEX dir_change_at ON dir_change (school_id, changed_at);
-- the purge finds old tombstones without reading the rows that are still there
CREATE INDEX dir_change_tombstone ON dir_change (school_id, deleted, changed_at);

-- Per school: when its log began (rows unchanged since carry that time), from when it holds every
-- tombstone (moved on by the purge), its last change time (each write is stamped after it) and a
-- version that grows with every write (a reader tells cheaply that what it loaded is out of date).
CREATE TABLE dir_change_school (
    school_id      VARCHAR(64)              NOT NULL,
    began_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    complete_since TIMESTAMP WITH TIME ZONE NOT NULL,
    last_change_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT                   NOT NULL,
    PRIMARY KEY (school_id)
);

-- the schools a store already has: their log begins now
INSERT INTO dir_change_school (school_id, began_at, complete_since, last_change_at, version)
    SELECT school_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0
    FROM (SELECT school_id FROM dir_member UNION SELECT school_id FROM dir_person
          UNION SELECT school_id FROM dir_group) schools;
