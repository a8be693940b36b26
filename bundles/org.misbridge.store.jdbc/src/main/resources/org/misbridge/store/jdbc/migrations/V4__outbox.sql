-- Messages for other systems (the meal manager), written in the transaction of the change that
-- caused them and deleted once the receiver acknowledged them.
CREATE TABLE dir_outbox (
    school_id    VARCHAR(64)              NOT NULL,
    topic        VARCHAR(32)              NOT NULL,
    seq          BIGINT                   NOT NULL,
    entry_key    VARCHAR(128)             NOT NULL,
    payload      VARCHAR(4000)            NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, topic, seq)
);

-- Per school and topic: the last sequence number handed out (never reused, so a receiver can
-- de-duplicate by it) and what the exporter last did.
CREATE TABLE dir_feed_state (
    school_id        VARCHAR(64)              NOT NULL,
    topic            VARCHAR(32)              NOT NULL,
    last_seq         BIGINT                   NOT NULL,
    initialised      BOOLEAN                  NOT NULL,
    last_push_at     TIMESTAMP WITH TIME ZONE,
    last_push_count  INTEGER                  NOT NULL,
    last_error_at    TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    PRIMARY KEY (school_id, topic)
);
