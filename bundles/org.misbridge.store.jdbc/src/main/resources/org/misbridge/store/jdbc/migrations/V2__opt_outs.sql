-- Exceptions (opt-outs) a school makes for students and contacts; kept apart from imported rows
-- because import never writes them.
CREATE TABLE dir_opt_out (
    school_id  VARCHAR(64)  NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    id         VARCHAR(255) NOT NULL,
    opted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, kind, id)
);
