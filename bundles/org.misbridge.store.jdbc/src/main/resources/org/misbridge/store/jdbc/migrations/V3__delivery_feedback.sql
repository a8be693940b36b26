-- Delivery feedback per email address or mobile number of a school, counted until it blocks the detail.
CREATE TABLE dir_delivery_feedback (
    school_id     VARCHAR(64)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    detail_value  VARCHAR(320) NOT NULL,
    feedback      VARCHAR(32)  NOT NULL,
    reports       INTEGER      NOT NULL,
    PRIMARY KEY (school_id, kind, detail_value, feedback)
);
