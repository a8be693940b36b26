-- Leavers an operator asked to delete, until the queue has removed them.
CREATE TABLE dir_delete_queue (
    school_id  VARCHAR(64)              NOT NULL,
    member_id  VARCHAR(128)             NOT NULL,
    queued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    queued_by  VARCHAR(128)             NOT NULL,
    PRIMARY KEY (school_id, member_id)
);

-- Members deleted from the directory; an MIS that still lists them as leavers does not bring them back.
CREATE TABLE dir_deleted_member (
    school_id   VARCHAR(64)              NOT NULL,
    member_id   VARCHAR(128)             NOT NULL,
    deleted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, member_id)
);
