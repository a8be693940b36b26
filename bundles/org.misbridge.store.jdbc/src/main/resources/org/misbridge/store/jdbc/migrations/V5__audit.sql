-- Who did what to a school's directory by hand: destructive commands, forced syncs, re-enables.
CREATE TABLE dir_audit (
    school_id  VARCHAR(64)              NOT NULL,
    seq        BIGINT                   NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(128)             NOT NULL,
    action     VARCHAR(64)              NOT NULL,
    target     VARCHAR(512)             NOT NULL,
    affected   INTEGER                  NOT NULL,
    PRIMARY KEY (school_id, seq)
);
