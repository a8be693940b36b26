-- The leaver lifecycle: payment records, erasures waiting for anonymisation, archived custom groups.

-- When a group row was made, so custom groups of past years can be archived (rows made before this
-- migration count as made now).
ALTER TABLE dir_group ADD COLUMN created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP;

-- A parent's wallet as the payments system reports it; amounts in minor units. Kept after the
-- parent is deleted (a payment record); the holder's name is anonymised after the retention period.
CREATE TABLE dir_wallet (
    school_id    VARCHAR(64)              NOT NULL,
    id           VARCHAR(32)              NOT NULL,
    seq          BIGINT                   NOT NULL,
    person_id    VARCHAR(255)             NOT NULL,
    holder_name  VARCHAR(512)             NOT NULL,
    balance      BIGINT                   NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP WITH TIME ZONE,
    settled_at   TIMESTAMP WITH TIME ZONE,
    refund_date  DATE,
    refunded     BIGINT                   NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE INDEX dir_wallet_person ON dir_wallet (school_id, person_id);

-- Every change of a wallet (balance reported, closed, settled), for the record.
CREATE TABLE dir_wallet_event (
    school_id  VARCHAR(64)              NOT NULL,
    seq        BIGINT                   NOT NULL,
    wallet_id  VARCHAR(32)              NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    kind       VARCHAR(16)              NOT NULL,
    amount     BIGINT                   NOT NULL,
    actor      VARCHAR(128)             NOT NULL,
    PRIMARY KEY (school_id, seq)
);

-- Bookings recorded against members (meals, trips); one dated today or later is outstanding.
CREATE TABLE dir_booking (
    school_id     VARCHAR(64)              NOT NULL,
    seq           BIGINT                   NOT NULL,
    member_id     VARCHAR(255)             NOT NULL,
    booking_date  DATE                     NOT NULL,
    description   VARCHAR(512)             NOT NULL,
    amount        BIGINT                   NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, seq)
);

-- A member deleted from the directory, until what is kept about them has been anonymised.
CREATE TABLE dir_erasure (
    school_id      VARCHAR(64)              NOT NULL,
    member_id      VARCHAR(255)             NOT NULL,
    deleted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    anonymised_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (school_id, member_id)
);

-- The personal values (names, emails, mobiles) of a deleted member and of the adults deleted with
-- them, to scrub from kept records when the retention period has passed; deleted then.
CREATE TABLE dir_erasure_value (
    school_id     VARCHAR(64)  NOT NULL,
    member_id     VARCHAR(255) NOT NULL,
    owner_id      VARCHAR(255) NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    erased_value  VARCHAR(512) NOT NULL,
    PRIMARY KEY (school_id, member_id, owner_id, kind, erased_value)
);

-- Custom groups archived at year end, with who was in them.
CREATE TABLE dir_archived_group (
    school_id    VARCHAR(64)              NOT NULL,
    seq          BIGINT                   NOT NULL,
    group_id     VARCHAR(255)             NOT NULL,
    name         VARCHAR(255)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    archived_by  VARCHAR(128)             NOT NULL,
    PRIMARY KEY (school_id, seq)
);

CREATE TABLE dir_archived_group_member (
    school_id  VARCHAR(64)  NOT NULL,
    seq        BIGINT       NOT NULL,
    member_id  VARCHAR(255) NOT NULL,
    PRIMARY KEY (school_id, seq, member_id)
);
